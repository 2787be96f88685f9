import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, RequirePermission } from '../../common/auth/decorators';
import { Actor, Permission } from '../../common/auth/permissions';
import { ApiErrors, ApiPage } from '../../common/http/api-page.decorator';
import { Page } from '../../common/http/dto';
import { IdParamDto } from '../../common/http/params';
import { CloseOrgUnitDto, CreateOrgUnitDto, ListOrgUnitsQueryDto, OrgUnitResponseDto, UpdateOrgUnitDto } from './org-units.dto';
import { OrgUnitsService } from './org-units.service';

@ApiTags('Org units')
@ApiCookieAuth() @ApiBearerAuth()
@Controller('org-units')
export class OrgUnitsController {
  constructor(private readonly units: OrgUnitsService) {}

  @Get()
  @RequirePermission(Permission.OrgUnitRead)
  @ApiPage(OrgUnitResponseDto) @ApiErrors(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() q: ListOrgUnitsQueryDto): Promise<Page<OrgUnitResponseDto>> {
    return this.units.list(actor, q.includeClosed ?? false);
  }

  @Get(':id')
  @RequirePermission(Permission.OrgUnitRead)
  @ApiOkResponse({ type: OrgUnitResponseDto }) @ApiErrors(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<OrgUnitResponseDto> {
    return this.units.get(actor, id);
  }

  @Post()
  @RequirePermission(Permission.OrgUnitManage)
  @ApiCreatedResponse({ type: OrgUnitResponseDto }) @ApiErrors(400, 401, 403, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOrgUnitDto): Promise<OrgUnitResponseDto> {
    return this.units.create(actor, dto);
  }

  @Patch(':id')
  @RequirePermission(Permission.OrgUnitManage)
  @ApiOkResponse({ type: OrgUnitResponseDto }) @ApiErrors(400, 401, 403, 404, 409)
  update(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: UpdateOrgUnitDto): Promise<OrgUnitResponseDto> {
    return this.units.update(actor, id, dto);
  }

  @Post(':id/close')
  @RequirePermission(Permission.OrgUnitManage)
  @HttpCode(200)
  @ApiOkResponse({ type: OrgUnitResponseDto }) @ApiErrors(400, 401, 403, 404, 409)
  close(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() dto: CloseOrgUnitDto): Promise<OrgUnitResponseDto> {
    return this.units.close(actor, id, dto);
  }
}
