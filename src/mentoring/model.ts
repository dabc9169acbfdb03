import { DataTypes, Model, type Sequelize } from 'sequelize';

export type MentorshipStatus = 'requested' | 'active' | 'declined' | 'closed';
export const MENTORSHIP_STATUSES: MentorshipStatus[] = ['requested', 'active', 'declined', 'closed'];

/** A mentoring pair: a newcomer (mentee) and an experienced member (mentor), in one community. */
export class Mentorship extends Model {
  declare id: number;
  declare communityId: number;
  declare menteeId: number;
  declare mentorId: number;
  declare requestedBy: number;
  declare status: MentorshipStatus;
  declare message: string | null;
  declare facilitatorsInvited: boolean;
  declare respondedAt: Date | null;
  declare closedAt: Date | null;
  declare closedBy: number | null;
  declare createdAt: Date;
  declare updatedAt: Date;
}

/** A message of the pair's private thread (never indexed for search). */
export class MentoringMessage extends Model {
  declare id: number;
  declare mentorshipId: number;
  declare authorId: number;
  declare bodyMd: string;
  declare bodyHtml: string;
  declare createdAt: Date;
}

/** A goal the pair shares. */
export class MentoringGoal extends Model {
  declare id: number;
  declare mentorshipId: number;
  declare title: string;
  declare createdBy: number;
  declare doneAt: Date | null;
  declare createdAt: Date;
}

/** A check-in: where the pair stands on its goals, dated. */
export class MentoringCheckin extends Model {
  declare id: number;
  declare mentorshipId: number;
  declare authorId: number;
  declare noteMd: string;
  declare noteHtml: string;
  declare createdAt: Date;
}

const pk = () => ({ type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true });
const int = () => ({ type: DataTypes.INTEGER, allowNull: false });

export function initMentoringModels(sequelize: Sequelize): void {
  Mentorship.init(
    {
      id: pk(),
      communityId: int(),
      menteeId: int(),
      mentorId: int(),
      requestedBy: int(),
      status: { type: DataTypes.STRING(16), allowNull: false },
      message: DataTypes.TEXT,
      facilitatorsInvited: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      respondedAt: DataTypes.DATE,
      closedAt: DataTypes.DATE,
      closedBy: DataTypes.INTEGER,
    },
    { sequelize, tableName: 'mentorships', underscored: true },
  );
  const text = () => ({ type: DataTypes.TEXT, allowNull: false });
  MentoringMessage.init({ id: pk(), mentorshipId: int(), authorId: int(), bodyMd: text(), bodyHtml: text() }, { sequelize, tableName: 'mentoring_messages', underscored: true, updatedAt: false });
  MentoringGoal.init(
    { id: pk(), mentorshipId: int(), title: { type: DataTypes.STRING(200), allowNull: false }, createdBy: int(), doneAt: DataTypes.DATE },
    { sequelize, tableName: 'mentoring_goals', underscored: true },
  );
  MentoringCheckin.init({ id: pk(), mentorshipId: int(), authorId: int(), noteMd: text(), noteHtml: text() }, { sequelize, tableName: 'mentoring_checkins', underscored: true, updatedAt: false });
}
