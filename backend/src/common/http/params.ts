import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class IdParamDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'isUuid' }) id: string;
}

/** Maps a unique violation from PostgreSQL to a 409 naming the field. */
export function uniqueViolation(e: unknown): string | null {
  const err = e as { code?: string; constraint?: string };
  return err?.code === '23505' ? err.constraint ?? 'unique' : null;
}

/** Escapes LIKE wildcards in user input (the default escape character is backslash). */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
