/** Row types of the accounts tables (see migrations/0019_accounts.ts). */

export interface AccountsTable {
  id: string;
  username: string;
  username_folded: string;
  display_name: string;
  role: string;
  /** JSON of the KDF and its parameters (auth/password.ts), kept per hash so they can be raised. */
  password_kdf: string;
  password_salt: Buffer;
  password_hash: Buffer;
  disabled: number;
  must_change_password: number;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DataKeyWrapsTable {
  id: string;
  kind: 'account' | 'recovery';
  account_id: string | null;
  kdf: string;
  salt: Buffer;
  nonce: Buffer;
  /** The data key encrypted (AES-256-GCM) followed by the 16-byte tag. */
  wrapped: Buffer;
  created_at: string;
  updated_at: string;
}

export interface AuthSettingsTable {
  singleton: number;
  idle_lock_minutes: number;
  data_key_check: Buffer | null;
  login_failures: number;
  last_failure_at: string | null;
  updated_by: string | null;
  updated_at: string;
}

export interface AccountTables {
  accounts: AccountsTable;
  data_key_wraps: DataKeyWrapsTable;
  auth_settings: AuthSettingsTable;
}
