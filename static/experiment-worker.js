// The experiments page's web worker (a module worker). It runs the SAME wasm module as
// the page: the page sends the URLs of its own wasm-bindgen glue and wasm file first;
// this imports the glue, initialises the module (the app's start function does nothing
// without a window) and hands over to the Rust entry `zooscope_experiment_worker`
// (src/experiments/worker.rs), which answers every later message.
let started = false;
self.onmessage = async (event) => {
  if (started) return;
  started = true;
  const { glue, wasm } = event.data || {};
  try {
    const m = await import(glue);
    await m.default({ module_or_path: wasm });
    m.zooscope_experiment_worker();
  } catch (e) {
    self.postMessage(JSON.stringify({ Failed: { id: 0, error: String(e) } }));
  }
};
