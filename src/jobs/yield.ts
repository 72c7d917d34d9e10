/**
 * Yielding to the event loop between chunks of work, so that messages (abort, pause, progress
 * requests) can arrive. A MessageChannel message is a task that runs as soon as the queue
 * allows; setTimeout would be clamped to >= 1 ms (4 ms when nested) in browsers.
 */

/** Resolves after one trip through the event loop's task queue. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
