import path from 'node:path';
import { fileGateway, httpGateway, type SmsGateway } from './gateway';

/** JIT_SMS_GATEWAY_URL posts to an SMS provider; without it messages go to sms.log. */
export function gatewayFromEnv(dataDir: string, env: NodeJS.ProcessEnv = process.env): SmsGateway {
  if (env.JIT_SMS_GATEWAY_URL) {
    return httpGateway({
      url: env.JIT_SMS_GATEWAY_URL,
      fields: env.JIT_SMS_SENDER ? { sender: env.JIT_SMS_SENDER } : undefined,
    });
  }
  return fileGateway(path.join(dataDir, 'sms.log'));
}
