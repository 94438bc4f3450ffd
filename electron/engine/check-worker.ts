/**
 * Worker thread for a large check: evaluates chunks of rows against the same plan as the main
 * thread and posts the evaluations back. Bundled to `dist/check-worker.mjs`.
 *
 * The plan holds functions, so it is not sent: the worker compiles it again from the mapping,
 * columns and options, which gives the same plan (compilation is deterministic).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileMapping } from '../../shared/engine/compile-mapping';
import { evaluateRow } from '../../shared/engine/evaluate-row';
import type { WorkerInit, WorkerRequest, WorkerReply } from './evaluation-pool';

const init = workerData as WorkerInit;
const compiled = compileMapping(init.mapping, init.columns, init.options);
const port = parentPort;

if (port !== null) {
  port.on('message', (request: WorkerRequest) => {
    if (!compiled.ok) {
      const reply: WorkerReply = { seq: request.seq, error: 'the mapping cannot be compiled in the worker' };
      port.postMessage(reply);
      return;
    }
    const evaluations = request.rows.map((row) => evaluateRow(row, compiled.plan, init.dateStates));
    // JSON text crosses threads faster than structured clone of many small objects.
    const reply: WorkerReply = { seq: request.seq, json: JSON.stringify(evaluations) };
    port.postMessage(reply);
  });
}
