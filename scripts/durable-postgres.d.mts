/** A throwaway PostgreSQL started by {@link startDurablePostgres}. */
export interface DurablePostgres {
  /** `postgres://…` of its database `plaza`. */
  url: string;
  /** Its folder (PLAZA_PG_DIR), deleted by stop(). */
  dir: string;
  /** Stops the server and deletes its folder; also runs when the process exits. */
  stop(): void;
}

/** Starts a throwaway PostgreSQL with its default, durable settings; `who` names the caller in errors. */
export function startDurablePostgres(who: string): DurablePostgres;
