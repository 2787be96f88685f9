import { DataSource } from 'typeorm';
import { dataSourceOptions } from './options';

/** Applies pending migrations; used by `npm start`, the CLI and the tests. */
export async function runMigrations(url: string): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(url, { poolSize: 3 }));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}
