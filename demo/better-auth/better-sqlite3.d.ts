// better-sqlite3 ships no types and @types/better-sqlite3 is not installed (the shared node_modules is fixed):
// the demo only constructs a database and hands it to better-auth, which knows its shape.
declare module 'better-sqlite3' {
  /** A SQLite database file, opened (and created) at `path`. */
  export default class Database {
    constructor(path: string);
    close(): void;
  }
}
