/**
 * The WebAssembly phi^4 kernel (assembly/phi4.ts): one core instance per simulation
 * (src/backend/core-instance.ts), run in batches of steps; records are copied out of WebAssembly
 * memory. Its exports follow the continuous-spin cores' naming scheme (`phi4Init`, ...), so the
 * wrapper is theirs, {@link WasmPrefixedKernel} (../continuous/kernel-wasm.ts), with phi^4's
 * couplings. Contract: ./kernel.ts.
 */
import { WasmPrefixedKernel } from '../continuous/kernel-wasm.js';
import { PHI4_CORE, type Phi4Kernel } from './kernel.js';

export class WasmPhi4Kernel extends WasmPrefixedKernel implements Phi4Kernel {
  /** Instantiates the compiled core for a lattice of linear size L in dimension d, cold, at beta = 0, h = 0. */
  static async create(module: WebAssembly.Module, size: number, dimension: 2 | 3): Promise<WasmPhi4Kernel> {
    const kernel = new WasmPhi4Kernel(await WasmPrefixedKernel.instance(module, size, PHI4_CORE), size, PHI4_CORE, dimension);
    kernel.initialise('field', size, dimension);
    return kernel;
  }

  /** A copy of the field components (phi_x, phi_y) of every site. */
  readSpins(): Float64Array {
    return this.readComponents();
  }

  writeSpins(spins: Float64Array): void {
    this.writeComponents(spins);
  }

  /** Installs beta, the field h and lambda (phi4SetCouplings). */
  setCouplings(beta: number, field: number, lambda: number): void {
    this.core.SetCouplings(beta, field, lambda);
  }
}
