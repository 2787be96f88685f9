import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { RequirePermission } from '../../common/auth/decorators';
import { Permission } from '../../common/auth/permissions';
import { ApiErrors, ApiPage } from '../../common/http/api-page.decorator';
import { Page, PageQueryDto } from '../../common/http/dto';
import { likeEscape } from '../../common/http/params';
import { IsoDate, Text, Uuid } from '../../common/validation/decorators';

export class ListAuditQueryDto extends PageQueryDto {
  @Uuid() actorId?: string;
  @Text({ max: 64, description: 'Mã hành động hoặc phần đầu, ví dụ "staff." hoặc "auth.login_failed"' }) action?: string;
  @Text({ max: 40 }) entityType?: string;
  @Text({ max: 64 }) entityId?: string;
  @IsoDate({ description: 'Từ ngày (bao gồm)' }) from?: string;
  @IsoDate({ description: 'Đến ngày (bao gồm)' }) to?: string;
}

export class AuditEventResponseDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorUsername: string | null;
  @ApiProperty() action: string;
  @ApiProperty({ type: String, nullable: true }) entityType: string | null;
  @ApiProperty({ type: String, nullable: true }) entityId: string | null;
  @ApiProperty() summary: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
}

@ApiTags('Audit')
@ApiCookieAuth() @ApiBearerAuth()
@Controller('audit-events')
export class AuditController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @RequirePermission(Permission.AuditRead)
  @ApiPage(AuditEventResponseDto) @ApiErrors(400, 401, 403)
  async list(@Query() q: ListAuditQueryDto): Promise<Page<AuditEventResponseDto>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (p: string) => string, v: unknown) => {
      params.push(v);
      where.push(sql(`$${params.length}`));
    };
    if (q.actorId) add((p) => `actor_id = ${p}`, q.actorId);
    if (q.action) add((p) => `action LIKE ${p}`, `${likeEscape(q.action)}%`);
    if (q.entityType) add((p) => `entity_type = ${p}`, q.entityType);
    if (q.entityId) add((p) => `entity_id = ${p}`, q.entityId);
    if (q.from) add((p) => `at >= (${p}::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`, q.from);
    if (q.to) add((p) => `at < ((${p}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`, q.to);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM audit_events ${whereSql}`, params);
    const rows = await this.dataSource.query(
      `SELECT * FROM audit_events ${whereSql} ORDER BY at DESC, id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return {
      items: rows.map((r: Record<string, unknown>) => ({
        id: String(r.id),
        at: new Date(r.at as string).toISOString(),
        actorId: r.actor_id as string | null,
        actorUsername: r.actor_username as string | null,
        action: r.action as string,
        entityType: r.entity_type as string | null,
        entityId: r.entity_id as string | null,
        summary: r.summary as string,
        details: r.details as Record<string, unknown>,
        ip: r.ip as string | null,
        requestId: r.request_id as string | null,
      })),
      total,
      page,
      pageSize,
    };
  }
}
