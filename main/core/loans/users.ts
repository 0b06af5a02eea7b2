// Maker and checker. With no users listed the console has one operator and anyone may decide;
// once users are listed, a decision is taken by a listed user who did not make the request.
import type { Conn } from '../../ledger/conn';
import type { Ledger } from '../../ledger/ledger';
import { AppError, refused } from '../errors';

export async function listUsers(ledger: Ledger): Promise<string[]> {
  const rows = await ledger.read.all<{ name: string }>(
    'SELECT name FROM console_users ORDER BY name',
  );
  return rows.map((r) => r.name);
}

export async function addUser(ledger: Ledger, name: string, now: number): Promise<string[]> {
  const clean = name.trim();
  if (!/^[\p{L}\p{N} ._@-]{1,60}$/u.test(clean))
    throw new AppError('BAD_REQUEST', 'A user name is 1 to 60 letters, digits, spaces or . _ @ -.');
  await ledger.write((tx) =>
    tx.run('INSERT OR IGNORE INTO console_users (name, created_at) VALUES (?, ?)', [clean, now]),
  );
  return listUsers(ledger);
}

export async function assertMayDecide(tx: Conn, actor: string, maker: string): Promise<void> {
  const users = await tx.all<{ name: string }>('SELECT name FROM console_users');
  if (users.length === 0) return;
  if (!users.some((u) => u.name === actor))
    throw refused(`${actor || 'Nobody'} is not a console user: choose who you are first.`);
  if (actor === maker)
    throw refused(`${actor} entered this request; another user must approve or reject it.`);
}
