import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { runHelperTask, type HelperTask } from '@kuulo/core';

// Worker entry of helperThread.ts: waits for core's helper tasks and runs them, in order.
const { control, port } = workerData as { control: Int32Array; port: MessagePort };
const ASKED = 0;
const DONE = 1;
const FAILED = 2;
const READY = 3;
let done = 0;
Atomics.store(control, READY, 1);
port.postMessage('ready');
for (;;) {
  Atomics.wait(control, ASKED, done);
  const asked = Atomics.load(control, ASKED);
  if (asked < 0) break;
  while (done < asked) {
    // The task was posted before ASKED was raised, so it is already in the port's queue.
    const received = receiveMessageOnPort(port);
    if (received === undefined) {
      Atomics.store(control, FAILED, 1);
      Atomics.notify(control, DONE);
      process.exit(1);
    }
    try {
      runHelperTask(received.message as HelperTask);
    } catch {
      Atomics.store(control, FAILED, 1);
      Atomics.notify(control, DONE);
      process.exit(1);
    }
    done++;
    Atomics.store(control, DONE, done);
    Atomics.notify(control, DONE);
  }
}
port.close();
