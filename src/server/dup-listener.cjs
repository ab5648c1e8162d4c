// Sends every listening handle it receives back to its parent: each way over IPC the handle gets a new
// descriptor of the same socket, which is what the parent wants (src/server/acceptors.ts). Never accepts.
process.on('message', (message, handle) => {
  if (message === 'dup' && handle) process.send('dup', handle, () => handle.close && handle.close());
});
