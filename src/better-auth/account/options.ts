/** What an integrator may set on the account endpoints (all optional). */
export interface AccountOptions {
  /** Seconds since the last authentication within which a sensitive change is allowed (profile §15: 300). */
  recentAuthSeconds?: number;
  /** The clock, in epoch milliseconds, for the recent-authentication rule. */
  now?: () => number;
}
