import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequirePermission } from '../../common/auth/decorators';
import { Actor, Permission } from '../../common/auth/permissions';
import { ApiErrors, ApiPage } from '../../common/http/api-page.decorator';
import { Page } from '../../common/http/dto';
import { IdParamDto } from '../../common/http/params';
import {
  AsOfQueryDto, BreakdownQueryDto, CreateTargetDto, TargetBreakdownDto, TargetEnrolDto, TargetEnrolResultDto, TargetListDto,
  TargetPeopleQueryDto, TargetPersonDto, TargetResponseDto, TargetSummaryDto, TargetTrendDto, UpdateTargetDto,
} from './targets.dto';
import { TargetsService } from './targets.service';

@ApiTags('Targets')
@ApiCookieAuth() @ApiBearerAuth()
@Controller('targets')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  @Get()
  @RequirePermission(Permission.TargetRead)
  @ApiOkResponse({ type: TargetListDto }) @ApiErrors(401, 403)
  list(@CurrentActor() actor: Actor): Promise<TargetListDto> {
    return this.targets.list(actor);
  }

  @Post()
  @RequirePermission(Permission.TargetManage)
  @ApiCreatedResponse({ type: TargetResponseDto }) @ApiErrors(400, 401, 403, 404, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateTargetDto): Promise<TargetResponseDto> {
    return this.targets.create(actor, dto);
  }

  @Get(':id')
  @RequirePermission(Permission.TargetRead)
  @ApiOkResponse({ type: TargetResponseDto }) @ApiErrors(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<TargetResponseDto> {
    return this.targets.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.TargetManage)
  @ApiOkResponse({ type: TargetResponseDto }) @ApiErrors(400, 401, 403, 404, 409)
  update(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: UpdateTargetDto): Promise<TargetResponseDto> {
    return this.targets.update(actor, id, dto);
  }

  @Get(':id/summary')
  @RequirePermission(Permission.TargetRead)
  @ApiOkResponse({ type: TargetSummaryDto }) @ApiErrors(400, 401, 403, 404)
  summary(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: AsOfQueryDto): Promise<TargetSummaryDto> {
    return this.targets.summary(actor, id, q);
  }

  @Get(':id/trend')
  @RequirePermission(Permission.TargetRead)
  @ApiOkResponse({ type: TargetTrendDto }) @ApiErrors(400, 401, 403, 404)
  trend(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: AsOfQueryDto): Promise<TargetTrendDto> {
    return this.targets.trend(actor, id, q);
  }

  @Get(':id/breakdown')
  @RequirePermission(Permission.TargetRead)
  @ApiOkResponse({ type: TargetBreakdownDto }) @ApiErrors(400, 401, 403, 404)
  breakdown(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: BreakdownQueryDto): Promise<TargetBreakdownDto> {
    return this.targets.breakdown(actor, id, q);
  }

  @Get(':id/people')
  @RequirePermission(Permission.TargetRead)
  @ApiPage(TargetPersonDto) @ApiErrors(400, 401, 403, 404)
  people(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() q: TargetPeopleQueryDto): Promise<Page<TargetPersonDto>> {
    return this.targets.people(actor, id, q);
  }

  @Post(':id/enrol')
  @HttpCode(200)
  @RequirePermission(Permission.TargetRead)
  @ApiOkResponse({ type: TargetEnrolResultDto }) @ApiErrors(400, 401, 403, 404, 409)
  enrol(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: TargetEnrolDto): Promise<TargetEnrolResultDto> {
    return this.targets.enrolUntrained(actor, id, dto);
  }
}
