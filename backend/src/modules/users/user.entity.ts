import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '../../common/auth/permissions';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 64 }) username: string;
  @Column({ type: 'varchar', length: 254, nullable: true }) email: string | null;
  @Column({ name: 'display_name', type: 'varchar', length: 200 }) displayName: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash: string;
  @Column({ type: 'text', array: true }) roles: Role[];
  @Column({ name: 'scope_unit_id', type: 'uuid', nullable: true }) scopeUnitId: string | null;
  @Column({ name: 'staff_id', type: 'uuid', nullable: true }) staffId: string | null;
  @Column({ name: 'is_active', type: 'boolean', default: true }) isActive: boolean;
  @Column({ name: 'must_change_password', type: 'boolean', default: false }) mustChangePassword: boolean;
  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true }) lastLoginAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
