import crypto from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataTypes, Model, Op, UniqueConstraintError, type Sequelize, type WhereOptions } from 'sequelize';
import { retryStatement } from '../db/retry';
import { retryTransaction } from '../db/retry';

/**
 * ltijs database plugin over the app's own Sequelize instance (LTIJS-NOTES.md: not ltijs-sequelize).
 * Records are stored per collection with a sha256 of the collection's natural key, so unique
 * indexes stay short on MySQL; encrypted collections use AES-256-GCM (integrity included).
 */
class LtiRecord extends Model {
  declare id: number;
  declare collection: string;
  declare keyHash: string;
  declare kid: string | null;
  declare urlHash: string | null;
  declare idx: string;
  declare data: string;
  declare encrypted: boolean;
  declare expiresAt: Date | null;
  declare createdAt: Date;
}

/** Natural key fields per ltijs collection (what its Replace/Get queries use). */
const KEYS: Record<string, string[]> = {
  platform: ['platformUrl', 'clientId'],
  platformStatus: ['id'],
  publickey: ['platformUrl', 'clientId'],
  privatekey: ['platformUrl', 'clientId'],
  accesstoken: ['platformUrl', 'clientId', 'scopes'],
  nonce: ['nonce'],
  state: ['state'],
  idtoken: ['iss', 'clientId', 'deploymentId', 'user'],
  contexttoken: ['contextId', 'user'],
};

/** Lifetimes in seconds, as ltijs's own schema; nonces are kept longer than the launch clock tolerance. */
const TTL: Record<string, number | undefined> = {
  accesstoken: 3600,
  nonce: 600,
  state: 600,
  idtoken: 24 * 3600,
  contexttoken: 24 * 3600,
};

/**
 * What ltijs keeps after a launch so that later requests can present its `ltik` (the launch's
 * id_token and context). CoPeR never accepts an ltik — its own bounded session follows the launch
 * (LTIJS-NOTES.md "Sessions") — so these copies of a member's id_token are neither written nor
 * found: a launch writes two statements fewer, and an ltik, were one presented, is refused.
 * (Rows written before are still purged by retention and erasure, src/privacy/.)
 */
const NOT_KEPT = new Set(['idtoken', 'contexttoken']);

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
type Doc = Record<string, unknown>;

/** The platform key verified for the launch being handled, so ltijs does not fetch the JWKS again. */
export const launchKey = new AsyncLocalStorage<{ jwk: Record<string, unknown> }>();

export class SequelizePlugin {
  constructor(private readonly sequelize: Sequelize) {
    LtiRecord.init(
      {
        id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
        collection: { type: DataTypes.STRING(24), allowNull: false },
        keyHash: { type: DataTypes.CHAR(64), allowNull: false },
        kid: DataTypes.STRING(64),
        urlHash: DataTypes.CHAR(64),
        idx: { type: DataTypes.TEXT, allowNull: false },
        data: { type: DataTypes.TEXT, allowNull: false },
        encrypted: { type: DataTypes.BOOLEAN, allowNull: false },
        expiresAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'lti_records', underscored: true, updatedAt: false },
    );
  }

  async setup(): Promise<boolean> {
    await this.sequelize.authenticate();
    return true;
  }
  async Close(): Promise<boolean> {
    return true;
  }

  private keyHash(collection: string, doc: Doc): string {
    const fields = KEYS[collection] ?? Object.keys(doc).sort();
    return sha(JSON.stringify(fields.map((f) => doc[f] ?? null)));
  }

  private whereFor(collection: string, query?: Doc): { where: WhereOptions; filter?: Doc } {
    const base = { collection, [Op.or]: [{ expiresAt: null }, { expiresAt: { [Op.gt]: new Date() } }] };
    if (!query || Object.keys(query).length === 0) return { where: base };
    const keys = Object.keys(query).sort();
    const natural = [...(KEYS[collection] ?? [])].sort();
    if (keys.join() === natural.join()) return { where: { ...base, keyHash: this.keyHash(collection, query) } };
    if (keys.join() === 'kid') return { where: { ...base, kid: String(query.kid) } };
    if (keys.join() === 'platformUrl') return { where: { ...base, urlHash: sha(String(query.platformUrl)) } };
    return { where: base, filter: query }; // not used by ltijs 5.9; filtered in memory for safety
  }

  private encrypt(plain: string, secret: string): string {
    const key = crypto.createHash('sha256').update(secret).digest();
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64')).join('.');
  }

  private decrypt(packed: string, secret: string): string {
    const [iv, tag, body] = packed.split('.').map((p) => Buffer.from(p, 'base64'));
    const key = crypto.createHash('sha256').update(secret).digest();
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }

  private row(encKey: string | false, collection: string, item: Doc, index?: Doc) {
    const idx = { ...(index ?? item) };
    const ttl = TTL[collection];
    return {
      collection,
      keyHash: this.keyHash(collection, { ...item, ...idx }),
      kid: (idx.kid ?? item.kid ?? null) as string | null,
      urlHash: idx.platformUrl || item.platformUrl ? sha(String(idx.platformUrl ?? item.platformUrl)) : null,
      idx: JSON.stringify(idx),
      data: encKey ? this.encrypt(JSON.stringify(item), encKey) : JSON.stringify(item),
      encrypted: Boolean(encKey),
      expiresAt: ttl ? new Date(Date.now() + ttl * 1000) : null,
    };
  }

  private decode(encKey: string | false, r: LtiRecord): Doc {
    if (r.encrypted) {
      if (!encKey) return JSON.parse(r.idx) as Doc;
      return { ...(JSON.parse(this.decrypt(r.data, encKey)) as Doc), createdAt: r.createdAt.getTime() };
    }
    const doc = { ...(JSON.parse(r.data) as Doc), createdAt: r.createdAt };
    return doc;
  }

  async Get(encKey: string | false, collection: string, query?: Doc): Promise<Doc[] | false> {
    if (NOT_KEPT.has(collection)) return false;
    const { where, filter } = this.whereFor(collection, query);
    const rows = await LtiRecord.findAll({ where, order: [['id', 'ASC']] });
    let docs = rows.map((r) => this.decode(encKey, r));
    if (filter) docs = docs.filter((d) => Object.entries(filter).every(([k, v]) => d[k] === v));
    if (collection === 'platform') docs = docs.map(withLaunchKey);
    return docs.length ? docs : false;
  }

  async Insert(encKey: string | false, collection: string, item: Doc, index?: Doc): Promise<boolean> {
    if (NOT_KEPT.has(collection)) return true;
    await LtiRecord.create(this.row(encKey, collection, item, index));
    return true;
  }

  /**
   * Upsert without a long transaction: DELETE-then-INSERT inside one transaction held InnoDB gap
   * locks and deadlocked concurrent launches (a class opening the tool at once). Single statements:
   * update the row with this natural key, else insert it, and if another request inserted it first,
   * update again.
   */
  async Replace(encKey: string | false, collection: string, query: Doc, item: Doc, index?: Doc): Promise<boolean> {
    if (NOT_KEPT.has(collection)) return true;
    const row = this.row(encKey, collection, item, index ?? query);
    const natural = this.keyHash(collection, query) === row.keyHash;
    const fresh = { ...row, createdAt: new Date() };
    await retryStatement(async () => {
      if (!natural) await LtiRecord.destroy({ where: this.whereFor(collection, query).where });
      const [updated] = await LtiRecord.update(fresh, { where: { collection, keyHash: row.keyHash } });
      if (updated > 0) return;
      try {
        await LtiRecord.create(fresh);
      } catch (err) {
        if (!(err instanceof UniqueConstraintError)) throw err;
        await LtiRecord.update(fresh, { where: { collection, keyHash: row.keyHash } });
      }
    });
    return true;
  }

  async Modify(encKey: string | false, collection: string, query: Doc, modification: Doc): Promise<boolean> {
    const { where } = this.whereFor(collection, query);
    await retryTransaction(this.sequelize, async (transaction) => {
      const rows = await LtiRecord.findAll({ where, transaction });
      for (const r of rows) {
        const idx = { ...(JSON.parse(r.idx) as Doc) };
        let item: Doc;
        if (r.encrypted && encKey) item = { ...(JSON.parse(this.decrypt(r.data, encKey)) as Doc), ...modification };
        else if (r.encrypted) {
          Object.assign(idx, modification); // ltijs changes the plain index fields of key records
          item = {};
        } else item = { ...(JSON.parse(r.data) as Doc), ...modification };
        const next = r.encrypted
          ? { idx: JSON.stringify(idx), data: encKey ? this.encrypt(JSON.stringify(item), encKey) : r.data }
          : { idx: JSON.stringify({ ...idx, ...modification }), data: JSON.stringify(item) };
        const keySource = r.encrypted ? idx : { ...item, ...idx };
        await r.update(
          {
            ...next,
            keyHash: this.keyHash(collection, keySource),
            kid: (keySource.kid ?? r.kid) as string | null,
            urlHash: keySource.platformUrl ? sha(String(keySource.platformUrl)) : r.urlHash,
          },
          { transaction },
        );
      }
    });
    return true;
  }

  async Delete(collection: string, query: Doc): Promise<boolean> {
    const { where, filter } = this.whereFor(collection, query);
    if (filter) throw new Error(`Unsupported delete query on ${collection}`);
    await LtiRecord.destroy({ where });
    return true;
  }

  /** Remove expired records (run periodically by the worker). */
  async purgeExpired(): Promise<number> {
    return LtiRecord.destroy({ where: { expiresAt: { [Op.lt]: new Date() } } });
  }
}

/**
 * During a launch our guard has already verified the token with a cached JWKS; hand ltijs that
 * key (JWK_KEY) instead of letting it fetch the platform JWKS on every launch (LTIJS-NOTES.md).
 */
function withLaunchKey(doc: Doc): Doc {
  const store = launchKey.getStore();
  if (!store) return doc;
  return { ...doc, authConfig: { method: 'JWK_KEY', key: store.jwk } };
}
