import { StorageClosedError } from "@skein/storage";
import type { ClickHouseConnection } from "./clickhouse-connection.js";
import type { TableNames } from "./table-names.js";

/** What readers and writers share with the storage: set while it is started, cleared on shutdown. */
export interface OpenClickHouse {
  readonly connection: ClickHouseConnection;
  readonly tables: TableNames;
}

/** The storage's open state as its readers see it: open() throws StorageClosedError outside start..shutdown. */
export class ClickHouseHandle {
  current: OpenClickHouse | undefined;

  open(): OpenClickHouse {
    if (this.current === undefined) throw new StorageClosedError();
    return this.current;
  }
}
