import { ApiProperty } from '@nestjs/swagger';
import { Int } from '../validation/decorators';

/** Common query for paged lists. */
export class PageQueryDto {
  @Int({ min: 1, max: 100000, query: true, default: 1 }) page?: number;
  @Int({ min: 1, max: 200, query: true, default: 20 }) pageSize?: number;
}

export class ErrorResponseDto {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'VALIDATION_FAILED' }) code: string;
  @ApiProperty({ example: 'Dữ liệu không hợp lệ' }) message: string;
  @ApiProperty({ required: false, type: Object, additionalProperties: { type: 'string' }, example: { email: 'Email không hợp lệ' } })
  fields?: Record<string, string>;
  @ApiProperty({ example: 'req-1' }) requestId: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  /** text searches: true when there are more matches than `total` (the count stops at a cap) */
  totalCapped?: boolean;
}
