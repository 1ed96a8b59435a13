import fs from 'node:fs';
import path from 'node:path';
import { type Check, type DoctorContext, ok, unknown } from '../check.ts';

interface Mount {
  device: string;
  mountPoint: string;
  type: string;
}

// /proc/mounts writes a space in a path as \040 (and a tab, newline and backslash the same way).
const unescape = (field: string) => field.replace(/\\([0-7]{3})/g, (_m, code: string) => String.fromCharCode(parseInt(code, 8)));

const read = (file: string): string | null => {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
};

/** The mount the directory lives on: the longest mount point above it, the latest mounted when two are equal. */
export function mountOf(dir: string, procRoot: string): Mount | null {
  const mounts = read(path.join(procRoot, 'mounts'));
  if (mounts === null) return null;
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    real = path.resolve(dir);
  }
  let found: Mount | null = null;
  for (const line of mounts.split('\n')) {
    const [device, mountPoint, type] = line.split(' ').map(unescape);
    if (device === undefined || mountPoint === undefined || type === undefined) continue;
    const under = real === mountPoint || real.startsWith(mountPoint.endsWith('/') ? mountPoint : `${mountPoint}/`);
    if (under && (found === null || mountPoint.length >= found.mountPoint.length)) found = { device, mountPoint, type };
  }
  return found;
}

/** The device-mapper node (dm-0) of a device, by its /dev path or its /dev/mapper name; null when it is none. */
function dmNode(device: string, sysRoot: string): string | null {
  const direct = /^\/dev\/(dm-\d+)$/.exec(device);
  if (direct?.[1] !== undefined) return direct[1];
  const mapped = /^\/dev\/mapper\/(.+)$/.exec(device)?.[1];
  if (mapped === undefined) return null;
  const block = path.join(sysRoot, 'block');
  const nodes = fs.existsSync(block) ? fs.readdirSync(block).filter((n) => n.startsWith('dm-')) : [];
  return nodes.find((n) => read(path.join(block, n, 'dm', 'name')) === mapped) ?? null;
}

/** Whether the dm node is dm-crypt, or sits on one (LVM inside LUKS): its uuid, or a slave's, starts with CRYPT-. */
function onDmCrypt(node: string, sysRoot: string, seen = new Set<string>()): boolean {
  if (seen.has(node)) return false;
  seen.add(node);
  const dir = path.join(sysRoot, 'block', node);
  if (read(path.join(dir, 'dm', 'uuid'))?.startsWith('CRYPT-') === true) return true;
  const slaves = path.join(dir, 'slaves');
  const below = fs.existsSync(slaves) ? fs.readdirSync(slaves).filter((s) => s.startsWith('dm-')) : [];
  return below.some((s) => onDmCrypt(s, sysRoot, seen));
}

/**
 * BEVEILIGING: "encrypted hardeschijven": the data directory is on a dm-crypt (LUKS) volume, seen through
 * /proc/mounts and /sys/block/dm-N/dm/uuid. Other encryption (self-encrypting disks, a host's encrypted
 * storage under a virtual machine) cannot be seen from here: unknown, not an error.
 */
export const encryptedVolume: Check = {
  id: 'encrypted-volume',
  measure: 'encrypted-disks',
  async run({ settings }: DoctorContext) {
    if (settings.databaseUrl !== undefined) {
      return unknown({
        nl: 'niet gecontroleerd: de gegevens staan op de PostgreSQL-server; controleer dat de schijven daarvan versleuteld zijn',
        en: 'not checked: the data lives on the PostgreSQL server; check that its disks are encrypted',
      });
    }
    const mount = mountOf(settings.dataDir, settings.procRoot);
    if (mount === null) {
      const mounts = path.join(settings.procRoot, 'mounts');
      return unknown({
        nl: `niet vast te stellen: de koppeling van ${settings.dataDir} staat niet in ${mounts}`,
        en: `cannot tell: the mount of ${settings.dataDir} is not found in ${mounts}`,
      });
    }
    const node = dmNode(mount.device, settings.sysRoot);
    const where = {
      nl: `${settings.dataDir} staat op ${mount.device} (${mount.type}, gekoppeld aan ${mount.mountPoint})`,
      en: `${settings.dataDir} is on ${mount.device} (${mount.type}, mounted at ${mount.mountPoint})`,
    };
    if (node !== null && onDmCrypt(node, settings.sysRoot))
      return ok({ nl: `${where.nl}, een dm-crypt-volume`, en: `${where.en}, a dm-crypt volume` });
    if (node !== null) {
      return unknown({
        nl: `${where.nl}, een device-mapper-volume dat geen dm-crypt is; andere schijfversleuteling is van hieruit niet te zien`,
        en: `${where.en}, a device-mapper volume that is not dm-crypt; other disk encryption cannot be seen from here`,
      });
    }
    return unknown({
      nl: `${where.nl}, geen dm-crypt; andere schijfversleuteling (een zelfversleutelende schijf, versleutelde opslag van de host) is van hieruit niet te zien`,
      en: `${where.en}, not dm-crypt; other disk encryption (a self-encrypting disk, encrypted storage of the host) cannot be seen from here`,
    });
  },
};
