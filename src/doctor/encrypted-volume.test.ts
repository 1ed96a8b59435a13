import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorContext } from './check.ts';
import { encryptedVolume, mountOf } from './checks/encrypted-volume.ts';
import { doctorSettings } from './doctor-settings.ts';

/** A made-up /proc/mounts and /sys/block, as a machine with LUKS volumes shows them. */
function machine(root: string, mounts: string[], blocks: Record<string, { name: string; uuid: string; slaves?: string[] }>) {
  const proc = path.join(root, 'proc');
  const sys = path.join(root, 'sys');
  fs.mkdirSync(proc, { recursive: true });
  fs.writeFileSync(path.join(proc, 'mounts'), `${mounts.join('\n')}\n`);
  for (const [node, b] of Object.entries(blocks)) {
    fs.mkdirSync(path.join(sys, 'block', node, 'dm'), { recursive: true });
    fs.mkdirSync(path.join(sys, 'block', node, 'slaves'), { recursive: true });
    fs.writeFileSync(path.join(sys, 'block', node, 'dm', 'name'), `${b.name}\n`);
    fs.writeFileSync(path.join(sys, 'block', node, 'dm', 'uuid'), `${b.uuid}\n`);
    for (const s of b.slaves ?? []) fs.writeFileSync(path.join(sys, 'block', node, 'slaves', s), '');
  }
  return { procRoot: proc, sysRoot: sys };
}

describe('the encrypted-volume check (dm-crypt through /proc/mounts and /sys/block)', () => {
  let root: string;
  let dataDir: string;

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-machine-'));
    dataDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kluis data ')));
  });
  afterAll(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (roots: { procRoot: string; sysRoot: string }, databaseUrl?: string) =>
    encryptedVolume.run({
      settings: doctorSettings({ dataDir, databaseUrl, backupDir: dataDir, backupRecipient: undefined }, roots),
    } as DoctorContext);
  // /proc/mounts escapes the space in the directory's name.
  const escaped = () => dataDir.replaceAll(' ', '\\040');

  it('is ok on a LUKS volume, named by /dev/mapper or by its dm node', async () => {
    const mapped = machine(path.join(root, 'a'), ['/dev/vda1 / ext4 rw 0 0', `/dev/mapper/luks-data ${escaped()} ext4 rw 0 0`], {
      'dm-0': { name: 'luks-data', uuid: 'CRYPT-LUKS2-0f1e2d3c4b5a69788796a5b4c3d2e1f0-luks-data' },
    });
    expect(mountOf(dataDir, mapped.procRoot)).toEqual({ device: '/dev/mapper/luks-data', mountPoint: dataDir, type: 'ext4' });
    expect(await run(mapped)).toMatchObject({ severity: 'ok', message: expect.stringContaining('a dm-crypt volume') as string });
    const direct = machine(path.join(root, 'b'), [`/dev/dm-3 ${path.dirname(dataDir)} xfs rw 0 0`], {
      'dm-3': { name: 'crypthome', uuid: 'CRYPT-PLAIN-crypthome' },
    });
    expect((await run(direct)).severity).toBe('ok');
  });

  it('is ok on LVM inside LUKS, seen through the volume it sits on', async () => {
    const lvm = machine(path.join(root, 'c'), ['/dev/mapper/vg-root / ext4 rw 0 0'], {
      'dm-0': { name: 'luks-disk', uuid: 'CRYPT-LUKS2-aa-luks-disk' },
      'dm-1': { name: 'vg-root', uuid: 'LVM-abcdef', slaves: ['dm-0'] },
    });
    expect((await run(lvm)).severity).toBe('ok');
  });

  it('cannot tell on a plain disk, a device-mapper volume without dm-crypt, or PostgreSQL', async () => {
    const plain = machine(path.join(root, 'd'), ['/dev/vda1 / ext4 rw 0 0', 'tmpfs /tmp tmpfs rw 0 0'], {});
    expect(await run(plain)).toMatchObject({ severity: 'unknown', message: expect.stringContaining('not dm-crypt') as string });
    const lvm = machine(path.join(root, 'e'), ['/dev/mapper/vg-root / ext4 rw 0 0'], {
      'dm-0': { name: 'vg-root', uuid: 'LVM-abcdef' },
    });
    expect(await run(lvm)).toMatchObject({
      severity: 'unknown',
      message: expect.stringContaining('device-mapper volume that is not dm-crypt') as string,
    });
    expect(await run(plain, 'postgres://kluis@db.example.nl/kluis')).toMatchObject({
      severity: 'unknown',
      message: expect.stringContaining('PostgreSQL server') as string,
    });
    expect(await run({ procRoot: path.join(root, 'nowhere'), sysRoot: path.join(root, 'nowhere') })).toMatchObject({
      severity: 'unknown',
      message: expect.stringContaining('not found') as string,
    });
  });
});
