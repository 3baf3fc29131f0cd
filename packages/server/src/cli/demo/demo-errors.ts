import { SkeinError } from "@skein/model";

/** A `skein demo` flag has a bad value. The message names the flag and what is allowed; exit status 2. */
export class DemoOptionError extends SkeinError {
  constructor(message: string) {
    super("SKEIN_ERR_DEMO_OPTION", message);
  }
}

/**
 * The demo cannot run: no Skein at the API URL, nats-server missing, a shop service that did not
 * start. The message says what is wrong and what to do; exit status 1.
 */
export class DemoStartError extends SkeinError {
  constructor(message: string, options?: ErrorOptions) {
    super("SKEIN_ERR_DEMO_START", message, options);
  }
}
