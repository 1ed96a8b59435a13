import { createRequire } from 'node:module';
import type { Config } from '../config/env.ts';
import { RELEASE_DATE } from './release.ts';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** What the self-check reads of the configuration (a `Config` fits; so does the backup job's). */
export type DoctorConfig = Pick<Config, 'dataDir' | 'databaseUrl' | 'backupDir' | 'backupRecipient'> &
  Partial<Pick<Config, 'host' | 'publicUrl' | 'trustProxy'>>;

export interface DoctorSettings {
  dataDir: string;
  /** Set: the data lives in PostgreSQL, not in the data directory. */
  databaseUrl: string | undefined;
  backupDir: string;
  backupRecipient: string | undefined;
  /** The interface Kluis listens on; undefined when not known (the default, 127.0.0.1). */
  host: string | undefined;
  publicUrl: string | undefined;
  /** A proxy in front of Kluis that ends TLS is configured (KLUIS_TRUST_PROXY). */
  trustProxy: boolean;
  /** The installed release of Kluis and its date (release.ts); the running Node.js. Tests set others. */
  version: string;
  releaseDate: string;
  nodeVersion: string;
  /** Where /proc and /sys are mounted; tests point them at a made-up tree. */
  procRoot: string;
  sysRoot: string;
}

/** The self-check's settings from the configuration. */
export function doctorSettings(config: DoctorConfig, overrides: Partial<DoctorSettings> = {}): DoctorSettings {
  return {
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    backupDir: config.backupDir,
    backupRecipient: config.backupRecipient,
    host: config.host,
    publicUrl: config.publicUrl,
    trustProxy: isSet(config.trustProxy),
    version,
    releaseDate: RELEASE_DATE,
    nodeVersion: process.versions.node,
    procRoot: '/proc',
    sysRoot: '/sys',
    ...overrides,
  };
}

/** KLUIS_TRUST_PROXY as the configuration holds it: a flag, a number of hops, or the proxies' addresses. */
function isSet(value: Config['trustProxy'] | undefined): boolean {
  if (typeof value === 'number') return value > 0;
  if (Array.isArray(value)) return value.length > 0;
  return value === true;
}
