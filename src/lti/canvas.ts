import type { Config } from '../config';
import { SCOPES } from './scopes';
import { CUSTOM_PARAMETERS } from './custom-params';

/**
 * The JSON a Canvas administrator pastes into a new LTI developer key ("Enter URL" or "Paste JSON"):
 * Canvas LTI 1.3 configuration format (placements, scopes, public JWK URL).
 */
export function canvasConfiguration(config: Config) {
  const base = config.PUBLIC_URL;
  const host = new URL(base).host;
  return {
    title: 'CoPeR',
    description: 'Communauté de pratique en réseau — networked community of practice',
    oidc_initiation_url: `${base}/lti/login`,
    target_link_uri: `${base}/lti/launch`,
    public_jwk_url: `${base}/lti/keys`,
    scopes: Object.values(SCOPES),
    extensions: [
      {
        domain: host,
        tool_id: 'coper',
        platform: 'canvas.instructure.com',
        privacy_level: 'public',
        settings: {
          text: 'CoPeR',
          placements: [
            { placement: 'course_navigation', message_type: 'LtiResourceLinkRequest', target_link_uri: `${base}/lti/launch`, text: 'CoPeR', default: 'enabled' },
            { placement: 'link_selection', message_type: 'LtiDeepLinkingRequest', target_link_uri: `${base}/lti/launch`, text: 'CoPeR' },
            { placement: 'assignment_selection', message_type: 'LtiDeepLinkingRequest', target_link_uri: `${base}/lti/launch`, text: 'CoPeR' },
          ],
        },
      },
    ],
    custom_fields: { ...CUSTOM_PARAMETERS },
  };
}
