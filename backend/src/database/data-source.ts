/** Data source for the TypeORM CLI: `npm run migration:run -w backend` (needs DATABASE_URL). */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './options';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required for the TypeORM CLI');
export default new DataSource(dataSourceOptions(url));
