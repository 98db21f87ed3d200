import { PermissionFlagsBits } from 'discord-api-types/v10';

/**
 * Every permission flag, ordered by bit, so name lists are stable. Discord renamed some flags and
 * discord-api-types keeps the old name as an alias of the same bit (ManageEmojisAndStickers =
 * ManageGuildExpressions): one name per bit, the newer one (aliases are listed before their successors).
 */
export const PERMISSION_FLAGS: readonly [name: string, bit: bigint][] = [
  ...new Map(Object.entries(PermissionFlagsBits).map(([name, bit]) => [bit, name] as [bigint, string])),
]
  .map(([bit, name]) => [name, bit] as [string, bigint])
  .sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));

export const ALL_PERMISSIONS: bigint = PERMISSION_FLAGS.reduce((acc, [, bit]) => acc | bit, 0n);

/** Permissions Discord gates behind 2FA for moderators: a fair "dangerous" set. */
export const DANGEROUS_PERMISSIONS: readonly string[] = [
  'Administrator', 'KickMembers', 'BanMembers', 'ManageChannels', 'ManageGuild', 'ManageMessages',
  'ManageRoles', 'ManageWebhooks', 'ManageGuildExpressions', 'ManageThreads', 'ModerateMembers',
  'MentionEveryone',
];

/** Parses a bitfield string ("0" when absent or malformed, so bad data never throws). */
export function toBits(value: string | number | bigint | null | undefined): bigint {
  if (value === null || value === undefined) return 0n;
  try {
    return BigInt(value);
  } catch {
    return 0n;
  }
}

/** Flag names set in a bitfield, ordered by bit. Unknown bits are ignored. */
export function permissionNames(value: string | bigint | null | undefined): string[] {
  const bits = typeof value === 'bigint' ? value : toBits(value);
  return PERMISSION_FLAGS.filter(([, bit]) => (bits & bit) === bit).map(([name]) => name);
}

/** Bitfield of the named flags (unknown names, "constructor" included, add nothing). */
export function bitsOf(names: readonly string[]): bigint {
  const table = PermissionFlagsBits as Record<string, bigint>;
  return names.reduce((acc, name) => acc | (Object.hasOwn(table, name) && typeof table[name] === 'bigint' ? table[name] : 0n), 0n);
}

export function hasPermission(bits: string | bigint, name: keyof typeof PermissionFlagsBits): boolean {
  const b = typeof bits === 'bigint' ? bits : toBits(bits);
  const flag = PermissionFlagsBits[name];
  return (b & flag) === flag;
}
