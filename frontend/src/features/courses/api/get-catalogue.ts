import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Page } from '../../../types/api';
import type { Course } from '../types';
import { courseKeys } from './keys';

export type CatalogueFilters = { q?: string; page: number; pageSize: number };

export const getCatalogue = (filters: CatalogueFilters, signal?: AbortSignal) =>
  api.get<Page<Course>>('/catalogue', { params: filters, signal });

export const catalogueQuery = (filters: CatalogueFilters) =>
  queryOptions({
    queryKey: courseKeys.catalogue(filters),
    queryFn: ({ signal }) => getCatalogue(filters, signal),
    placeholderData: keepPreviousData,
  });

export const useCatalogue = (filters: CatalogueFilters) => useQuery(catalogueQuery(filters));
