import { SkeinError } from "@skein/model";

/** start() called twice, or after shutdown(). Receivers are single-use: build a new one instead. */
export class ReceiverLifecycleError extends SkeinError {
  constructor(message: string) {
    super("SKEIN_ERR_RECEIVER_LIFECYCLE", message);
  }
}
