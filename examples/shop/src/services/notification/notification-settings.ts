import { readUrl, type Env } from "../shared/env-settings.js";

export interface NotificationSettings {
  natsUrl: string;
}

export function readNotificationSettings(env: Env): NotificationSettings {
  return { natsUrl: readUrl(env, "NATS_URL", ["nats:"]) };
}
