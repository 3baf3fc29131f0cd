import { SkeinError } from "@skein/model";

/**
 * The configuration (flags, env, YAML file) is invalid. The message names every bad key, where the
 * value came from and what is allowed; the CLI prints it and exits with status 2.
 */
export class ConfigError extends SkeinError {
  constructor(message: string, options?: ErrorOptions) {
    super("SKEIN_ERR_CONFIG", message, options);
  }
}
