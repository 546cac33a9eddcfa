/** The practice user signed in by a login name (REST, Kerberos principal mapping, CAS). */
import type { ContactCentre } from '../model/contact-centre';

export function userByLogin(model: ContactCentre, login: string) {
  for (const user of model.users.values()) if (user.login === login) return user;
  return undefined;
}
