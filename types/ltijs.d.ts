// ltijs 5.9 ships no types and @types/ltijs describes v4 (LTIJS-NOTES.md): only what we use.
declare module 'ltijs' {
  import type { Express, Request, Response, NextFunction } from 'express';
  type Handler = (token: any, req: Request, res: Response, next: NextFunction) => unknown;
  interface PlatformConfig {
    url: string;
    name: string;
    clientId: string;
    authenticationEndpoint: string;
    accesstokenEndpoint: string;
    authorizationServer?: string;
    authConfig: { method: 'JWK_SET' | 'JWK_KEY' | 'RSA_KEY'; key: string };
  }
  interface LtiPlatform {
    platformKid(): Promise<string>;
    platformActive(): Promise<boolean>;
    platformPublicKey(): Promise<string>;
    platformPrivateKey(): Promise<string>;
    platformAccessToken(scopes: string): Promise<{ access_token: string; token_type: string }>;
    platformJSON(): Promise<Record<string, unknown>>;
  }
  interface ProviderType {
    app: Express;
    setup(key: string, database: { plugin: unknown }, options: Record<string, unknown>): ProviderType;
    deploy(options: { serverless: boolean; silent?: boolean }): Promise<boolean>;
    close(options?: { silent?: boolean }): Promise<boolean>;
    onConnect(cb: Handler): void;
    onDeepLinking(cb: Handler): void;
    onInvalidToken(cb: (req: Request, res: Response, next: NextFunction) => unknown): void;
    registerPlatform(p: PlatformConfig): Promise<LtiPlatform>;
    getPlatform(url: string, clientId?: string): Promise<LtiPlatform | false>;
    deletePlatform(url: string, clientId: string): Promise<boolean>;
    keysetRoute(): string;
    DeepLinking: { createDeepLinkingMessage(idtoken: any, items: any[], options?: Record<string, unknown>): Promise<string> };
    Grade: any;
    NamesAndRoles: any;
  }
  const ltijs: { Provider: ProviderType };
  export = ltijs;
}
