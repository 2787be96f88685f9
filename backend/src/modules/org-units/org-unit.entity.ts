import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ORG_UNIT_TYPES = [
  'province', 'provincial_department', 'ward', 'commune', 'special_zone', 'people_committee', 'people_council',
  'specialized_office', 'public_service_center', 'police', 'party_committee', 'party_office', 'front_committee',
  'socio_political_org', 'school', 'residential_group', 'village', 'community_digital_team',
] as const;
export type OrgUnitType = (typeof ORG_UNIT_TYPES)[number];

@Entity('org_units')
export class OrgUnit {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 32 }) code: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 40 }) type: OrgUnitType;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) aliases: string[];
  @Column({ name: 'search_text', type: 'text', default: '' }) searchText: string;
  @Column({ name: 'valid_from', type: 'date', nullable: true }) validFrom: string | null;
  @Column({ name: 'valid_to', type: 'date', nullable: true }) validTo: string | null;
  @Column({ type: 'boolean', default: false }) external: boolean;
  @Column({ name: 'listed_in_plan', type: 'boolean', default: true }) listedInPlan: boolean;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
