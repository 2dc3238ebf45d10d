/** Account-wide preferences, as the app stores them in accounts.settings (jsonb). */
export type AccountSettings = {
  readonly theme?: "light" | "dark";
  readonly locale?: string;
  readonly weeklyDigest?: boolean;
};
