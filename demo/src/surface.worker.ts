/**
 * The 3D surface of the free-energy landscape, drawn with three.js into an OffscreenCanvas in this
 * worker (so that building geometry and compiling shaders never block the page). The page creates
 * this worker, and so loads three.js, only when the landscape view first comes on screen. It draws
 * F(m_x, m_y) as a height field (a ribbon for a one-component F(m)), coloured by height, seen from
 * an azimuth and elevation the page sets (drag or arrow keys); after each picture it reports how
 * many pixels the surface covers (the page and its end-to-end test read that).
 */
import { AmbientLight, BufferAttribute, BufferGeometry, Color, DirectionalLight, DoubleSide, Mesh, MeshLambertMaterial, PerspectiveCamera, Scene, WebGLRenderer } from 'three';
import { heightColour, type FromSurface, type ToSurface } from './surface-protocol.js';

const scope = globalThis as unknown as { postMessage(message: FromSurface): void; onmessage: ((event: MessageEvent<ToSurface>) => void) | null };

const BACKGROUND = 0xfbfaf7;
let renderer: WebGLRenderer | undefined;
let canvas: OffscreenCanvas | undefined;
const scene = new Scene();
scene.background = new Color(BACKGROUND);
scene.add(new AmbientLight(0xffffff, 1.1));
const light = new DirectionalLight(0xffffff, 1.6);
light.position.set(2, 4, 1.5);
scene.add(light);
const camera = new PerspectiveCamera(38, 4 / 3, 0.1, 50);
let azimuth = 0.7;
let elevation = 0.55;
let mesh: Mesh | undefined;
let vertices = 0;

/**
 * A height field over the grid x (columns) by y (rows). Heights are F over a cap (the 95th percentile
 * of the sampled F, so that a few sparse cells at the rim do not flatten the wells), clamped to 1;
 * cells never sampled (F higher than anything seen) stand at the cap. For the picture only, each
 * height is averaged with its 3 x 3 neighbours (the heat map next to it shows the raw values).
 */
function surface(x: number[], y: number[], F: (number | null)[][]): BufferGeometry {
  const seen: number[] = [];
  for (const row of F) for (const f of row) if (f !== null) seen.push(f);
  seen.sort((a, b) => a - b);
  const cap = seen[Math.floor(0.95 * (seen.length - 1))] || 1;
  const span = Math.max(...x.map(Math.abs), ...y.map(Math.abs)) || 1;
  const nx = x.length;
  const ny = y.length;
  const raw = F.map((row) => row.map((f) => (f === null ? 1 : Math.min(1, f / cap))));
  const smooth = (j: number, i: number) => {
    if (ny < 4) return raw[j][i];
    let sum = 0;
    let n = 0;
    for (let dj = -1; dj <= 1; dj++) for (let di = -1; di <= 1; di++) {
      const v = raw[j + dj]?.[i + di];
      if (v !== undefined) {
        sum += v;
        n++;
      }
    }
    return sum / n;
  };
  const positions = new Float32Array(3 * nx * ny);
  const colours = new Float32Array(3 * nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const h = smooth(j, i);
      const k = j * nx + i;
      positions.set([x[i] / span, 0.9 * h, y[j] / span], 3 * k);
      colours.set(heightColour(h).map((c) => c / 255), 3 * k);
    }
  }
  // a round landscape: grid cells beyond the farthest sampled radius (plus one cell) are left out;
  // unsampled cells inside it (the crown of the hat, never visited) stand at the top
  let reach = 0;
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) if (F[j][i] !== null) reach = Math.max(reach, Math.hypot(x[i], y[j]));
  const cell = Math.abs(x[1] - x[0]) || 0;
  const inside = (k: number) => ny < 4 || Math.hypot(x[k % nx], y[Math.floor(k / nx)]) <= reach + 1.01 * cell;
  const index: number[] = [];
  for (let j = 0; j + 1 < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      const a = j * nx + i;
      if (!inside(a) || !inside(a + 1) || !inside(a + nx) || !inside(a + nx + 1)) continue;
      index.push(a, a + nx, a + 1, a + 1, a + nx, a + nx + 1);
    }
  }
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(positions, 3));
  geometry.setAttribute('color', new BufferAttribute(colours, 3));
  geometry.setIndex(index);
  geometry.computeVertexNormals();
  vertices = nx * ny;
  return geometry;
}

/** Draws the scene and reports the pixels that differ from the background. */
function draw(): void {
  if (!renderer || !canvas) return;
  const r = 3.1;
  camera.position.set(r * Math.cos(elevation) * Math.sin(azimuth), 0.35 + r * Math.sin(elevation), r * Math.cos(elevation) * Math.cos(azimuth));
  camera.lookAt(0, 0.3, 0);
  renderer.render(scene, camera);
  const gl = renderer.getContext();
  const { width, height } = canvas;
  const pixels = new Uint8Array(4 * width * height);
  gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
  const bg = new Color(BACKGROUND);
  const [br, bgc, bb] = [bg.r * 255, bg.g * 255, bg.b * 255];
  let covered = 0;
  for (let k = 0; k < pixels.length; k += 4) if (Math.abs(pixels[k] - br) + Math.abs(pixels[k + 1] - bgc) + Math.abs(pixels[k + 2] - bb) > 24) covered++;
  scope.postMessage({ type: 'rendered', pixels: covered, vertices: mesh ? vertices : 0 });
}

scope.onmessage = (event) => {
  const message = event.data;
  try {
    if (message.type === 'init') {
      canvas = message.canvas;
      renderer = new WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
      renderer.setPixelRatio(1);
      renderer.setSize(message.width, message.height, false);
      camera.aspect = message.width / message.height;
      camera.updateProjectionMatrix();
    } else if (message.type === 'surface') {
      if (mesh) {
        scene.remove(mesh);
        mesh.geometry.dispose();
      }
      mesh = new Mesh(surface(message.x, message.y, message.F), new MeshLambertMaterial({ vertexColors: true, side: DoubleSide }));
      scene.add(mesh);
    } else if (message.type === 'view') {
      azimuth = message.azimuth;
      elevation = message.elevation;
    }
    draw();
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
