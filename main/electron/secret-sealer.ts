// The window keeps a treasury secret typed in Settings with Electron safeStorage (the OS
// keychain, DPAPI or libsecret); only the sealed bytes reach the ledger.
import { safeStorage } from 'electron';
import type { SecretSealer } from '../core/settings/secret';

/** null when the OS offers no encryption: the secret must then come from the environment. */
export function safeStorageSealer(): SecretSealer | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  return {
    name: 'this computer’s keychain (Electron safeStorage)',
    seal: (secret) => safeStorage.encryptString(secret).toString('base64'),
    unseal: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
