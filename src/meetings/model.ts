import { DataTypes, Model, type Sequelize } from 'sequelize';

export type MeetingMode = 'in_person' | 'remote';
export type Recurrence = 'none' | 'weekly' | 'monthly';
export type RsvpResponse = 'yes' | 'maybe' | 'no';
export type AttendanceStatus = 'pending' | 'attended' | 'excused' | 'absent';

/** One meeting (one occurrence of a recurring series): face to face (place) or remote (link). */
export class Meeting extends Model {
  declare id: number;
  declare communityId: number;
  declare createdBy: number | null;
  declare seriesId: number | null;
  declare recurrence: Recurrence;
  declare title: string;
  declare description: string | null;
  declare mode: MeetingMode;
  declare place: string | null;
  declare videoUrl: string | null;
  /** Its recording: a video resource of the community (src/video/recording.ts). */
  declare recordingResourceId: number | null;
  declare startsAt: Date;
  declare durationMinutes: number;
  declare timeZone: string;
  declare status: 'scheduled' | 'cancelled';
  declare minutesMd: string | null;
  declare minutesHtml: string | null;
  declare minutesBy: number | null;
  declare minutesAt: Date | null;
  declare minutesThreadId: number | null;
  /** When the "starts soon" reminder was claimed, or found unneeded (src/meetings/starting-soon.ts); null = not yet. */
  declare startingNotifiedAt: Date | null;
  declare createdAt: Date;
}

/** An agenda item, generic on purpose: kind ('topic', 'proposal', later 'problem'…) + ref id + title. */
export class AgendaItem extends Model {
  declare id: number;
  declare meetingId: number;
  declare position: number;
  declare kind: string;
  declare refId: number | null;
  declare title: string;
}

/** A member's answer to a meeting invitation; one per (meeting, membership). */
export class Rsvp extends Model {
  declare id: number;
  declare meetingId: number;
  declare membershipId: number;
  declare response: RsvpResponse;
}

/** Attendance: check-in by the member, confirmation (status, minutes) by a facilitator; the PD-hours ledger reads it. */
export class Attendance extends Model {
  declare id: number;
  declare communityId: number;
  declare meetingId: number;
  declare membershipId: number;
  declare checkedInAt: Date | null;
  declare status: AttendanceStatus;
  declare minutes: number | null;
  declare confirmedBy: number | null;
  declare confirmedAt: Date | null;
}

export function initMeetingModels(sequelize: Sequelize): void {
  const int = DataTypes.INTEGER;
  Meeting.init(
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      communityId: { type: int, allowNull: false },
      createdBy: int,
      seriesId: int,
      recurrence: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'none' },
      title: { type: DataTypes.STRING(200), allowNull: false },
      description: DataTypes.TEXT,
      mode: { type: DataTypes.STRING(16), allowNull: false },
      place: DataTypes.STRING(500),
      videoUrl: DataTypes.STRING(1024),
      recordingResourceId: DataTypes.INTEGER,
      startsAt: { type: DataTypes.DATE, allowNull: false },
      durationMinutes: { type: int, allowNull: false },
      timeZone: { type: DataTypes.STRING(64), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'scheduled' },
      minutesMd: DataTypes.TEXT,
      minutesHtml: DataTypes.TEXT,
      minutesBy: int,
      minutesAt: DataTypes.DATE,
      minutesThreadId: int,
      startingNotifiedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'meetings', underscored: true },
  );
  AgendaItem.init(
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      meetingId: { type: int, allowNull: false },
      position: { type: int, allowNull: false },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      refId: int,
      title: { type: DataTypes.STRING(300), allowNull: false },
    },
    { sequelize, tableName: 'meeting_agenda_items', underscored: true },
  );
  Rsvp.init(
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      meetingId: { type: int, allowNull: false },
      membershipId: { type: int, allowNull: false },
      response: { type: DataTypes.STRING(8), allowNull: false },
    },
    { sequelize, tableName: 'meeting_rsvps', underscored: true, indexes: [{ unique: true, fields: ['meeting_id', 'membership_id'], name: 'meeting_rsvps_meeting_member_uq' }] },
  );
  Attendance.init(
    {
      id: { type: int, primaryKey: true, autoIncrement: true },
      communityId: { type: int, allowNull: false },
      meetingId: { type: int, allowNull: false },
      membershipId: { type: int, allowNull: false },
      checkedInAt: DataTypes.DATE,
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'pending' },
      minutes: int,
      confirmedBy: int,
      confirmedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'attendances', underscored: true, indexes: [{ unique: true, fields: ['meeting_id', 'membership_id'], name: 'attendances_meeting_member_uq' }] },
  );
  AgendaItem.belongsTo(Meeting, { foreignKey: 'meetingId', as: 'meeting' });
  Meeting.hasMany(AgendaItem, { foreignKey: 'meetingId', as: 'agenda' });
}
