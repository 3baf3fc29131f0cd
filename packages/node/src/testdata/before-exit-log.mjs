// Logs in its own beforeExit listener, which Node calls again every time the event loop runs
// dry. Run with SKEIN_CONSOLE_JSON=true, so each "bye" is also an OTLP log record.
process.on("beforeExit", () => console.log("bye"));
console.log("start");
