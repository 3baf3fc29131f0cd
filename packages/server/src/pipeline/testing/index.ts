export { SinkConsumer } from "./sink-consumer.js";
