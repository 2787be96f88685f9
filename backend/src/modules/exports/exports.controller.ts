import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, RequirePermission } from '../../common/auth/decorators';
import { Actor, Permission } from '../../common/auth/permissions';
import { ApiErrors } from '../../common/http/api-page.decorator';
import { CompletionsExportQueryDto, TargetPeopleExportQueryDto } from './exports.dto';
import { ExportsService } from './exports.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILE = { schema: { type: 'string', format: 'binary' } } as const;

/** Lists for HR (XLSX with a title row, styled frozen header, real dates; CSV UTF-8 with BOM), streamed and audited. */
@ApiTags('Exports')
@ApiCookieAuth() @ApiBearerAuth()
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('target-people.xlsx')
  @RequirePermission(Permission.TargetRead)
  @ApiProduces(XLSX) @ApiOkResponse({ description: 'Danh sách đối tượng của chỉ tiêu (XLSX); header X-Export-Rows = số dòng', ...FILE })
  @ApiErrors(400, 401, 403, 404)
  targetPeopleXlsx(@CurrentActor() actor: Actor, @Query() q: TargetPeopleExportQueryDto, @Res() reply: FastifyReply): Promise<void> {
    return this.exports.targetPeople(actor, q, 'xlsx', reply);
  }

  @Get('target-people.csv')
  @RequirePermission(Permission.TargetRead)
  @ApiProduces('text/csv') @ApiOkResponse({ description: 'Danh sách đối tượng của chỉ tiêu (CSV UTF-8 có BOM, phân cách ;)', ...FILE })
  @ApiErrors(400, 401, 403, 404)
  targetPeopleCsv(@CurrentActor() actor: Actor, @Query() q: TargetPeopleExportQueryDto, @Res() reply: FastifyReply): Promise<void> {
    return this.exports.targetPeople(actor, q, 'csv', reply);
  }

  @Get('completions.xlsx')
  @RequirePermission(Permission.CourseRead)
  @ApiProduces(XLSX) @ApiOkResponse({ description: 'Danh sách hoàn thành theo khóa học / đơn vị (XLSX)', ...FILE })
  @ApiErrors(400, 401, 403, 404)
  completionsXlsx(@CurrentActor() actor: Actor, @Query() q: CompletionsExportQueryDto, @Res() reply: FastifyReply): Promise<void> {
    return this.exports.completions(actor, q, 'xlsx', reply);
  }

  @Get('completions.csv')
  @RequirePermission(Permission.CourseRead)
  @ApiProduces('text/csv') @ApiOkResponse({ description: 'Danh sách hoàn thành theo khóa học / đơn vị (CSV UTF-8 có BOM)', ...FILE })
  @ApiErrors(400, 401, 403, 404)
  completionsCsv(@CurrentActor() actor: Actor, @Query() q: CompletionsExportQueryDto, @Res() reply: FastifyReply): Promise<void> {
    return this.exports.completions(actor, q, 'csv', reply);
  }
}
