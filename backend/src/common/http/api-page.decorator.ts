import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorResponseDto } from './dto';

/** Documents a `{ items, total, page, pageSize }` answer of the given item type. */
export function ApiPage(item: Type<unknown>) {
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({
      schema: {
        type: 'object',
        required: ['items', 'total', 'page', 'pageSize'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(item) } },
          total: { type: 'integer' },
          page: { type: 'integer' },
          pageSize: { type: 'integer' },
          totalCapped: { type: 'boolean', description: 'true when a text search matched more people than `total` (the count stops there)' },
        },
      },
    }),
  );
}

/** The error answers a route can give, all with the common error body. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, type: ErrorResponseDto })));
}
