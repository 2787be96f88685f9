import { Bool, Enum, IsoDate, Uuid } from '../../common/validation/decorators';

export class TargetPeopleExportQueryDto {
  @Uuid({ required: true }) targetId: string;
  /** false: the "not yet trained" list; true: the trained; absent: the whole population */
  @Bool({ query: true }) trained?: boolean;
  @Uuid() unitId?: string;
  @IsoDate() asOf?: string;
  @Bool({ query: true }) groupByUnit?: boolean;
}

export class CompletionsExportQueryDto {
  @Uuid() courseId?: string;
  @Uuid() unitId?: string;
  @IsoDate() from?: string;
  @IsoDate() to?: string;
  @Enum(['internal', 'bdhvs', 'provincial_program'] as const) source?: string;
  @Bool({ query: true }) groupByUnit?: boolean;
}
