// better-sqlite3 ships no types and @types/better-sqlite3 is not installed: the one constructor the better-auth
// test server uses. better-auth recognises the instance at run time (it has `prepare`, `exec`).
declare module 'better-sqlite3' {
  export default class Database {
    constructor(filename: string);
    prepare(sql: string): unknown;
    exec(sql: string): this;
    close(): this;
  }
}
