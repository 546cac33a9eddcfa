/**
 * The desk's own small catalogue: what the core itself writes for people (tray, notifications,
 * error messages, notices). The renderer has its own catalogue; this one must work without a UI.
 * English is the reference; every other language has exactly the same keys (a test checks it).
 */
import type { Language } from '../../preload/contract';

const en = {
  'app.name': 'Agent Desk',
  'state.ready': 'Ready',
  'state.paused': 'Paused',
  'state.pausedWith': 'Paused ({reason})',
  'state.ringing': 'Ringing',
  'state.onCall': 'On a call',
  'state.dialing': 'Dialing',
  'state.wrapup': 'Wrap-up',
  'state.loggedOut': 'Agent logged out',
  'state.noAgent': 'Signed in',
  'state.signedOut': 'Signed out',
  'state.connecting': 'Connecting…',
  'state.reconnecting': 'Connection lost, reconnecting…',
  'state.offline': 'Offline',
  'tray.tooltip': '{app} — {state}',
  'tray.tooltipSince': '{app} — {state} for {duration}',
  'duration.lessThanMinute': 'less than a minute',
  'duration.minutes': '{minutes} min',
  'duration.hours': '{hours} h {minutes} min',
  'menu.pause': 'Pause',
  'menu.pauseNoReason': 'Pause (no reason)',
  'menu.unpause': 'Ready (unpause)',
  'menu.agentLogin': 'Agent log in',
  'menu.agentLogout': 'Agent log out',
  'menu.show': 'Show Agent Desk',
  'menu.quit': 'Quit',
  'notify.incomingCall.title': 'Incoming call',
  'notify.incomingCall.body': '{caller} — queue {queue}',
  'notify.incomingCall.bodyNoQueue': '{caller}',
  'notify.unknownCaller': 'Unknown caller',
  'notify.callbackDue.title': 'Callback due',
  'notify.callbackDue.body': '{who} — {number}',
  'notify.callbacksDue.body': '{count} callbacks are due now',
  'notify.connectionLost.title': 'Connection lost',
  'notify.connectionLost.body': 'Agent Desk lost the link to the server and is reconnecting.',
  'notify.connectionRestored.title': 'Connection restored',
  'notify.connectionRestored.body': 'Agent Desk is connected to the server again.',
  'notify.screenPopRefused.title': 'Customer page not opened',
  'notify.screenPopRefused.body': '{reason}: {url}',
  'error.offline': 'Not connected to the server: nothing was sent.',
  'error.timeout': 'The server did not confirm in time.',
  'error.refused': 'The server refused the request: {detail}',
  'error.notSignedIn': 'Sign in first.',
  'error.noAgent': 'This user has no agent.',
  'error.noPhoneNumber': 'Enter the phone number of your line first.',
  'error.noCall': 'There is no call.',
  'error.unknownCallback': 'This callback is no longer in the lists.',
  'error.noVoiceMessage': 'This callback has no recorded message.',
  'error.noPractice': 'The practice server is not available in this host.',
  'error.notAvailable': 'Not available in this host.',
  'error.invalidCredentials': 'The login or password is not correct.',
  'error.unreachable': 'The server cannot be reached: {detail}',
  'error.tls': 'The server certificate was not accepted: {detail}',
  'error.badResponse': 'The server answered something unexpected: {detail}',
  'error.internal': 'Something went wrong inside Agent Desk: {detail}',
  'error.loggedInOnAnotherPhone':
    'Your agent is already logged in on phone {phoneNb}, not on {requestedNb}. Log the agent out there, or sign in with phone number {phoneNb}.',
  'error.phoneNumberUnknown':
    'The server does not know phone number {requestedNb}. Check the number of your line.',
  'error.agentError': 'The server refused the agent command: {error}',
  'popReason.too-long': 'address too long',
  'popReason.control-characters': 'address contains control characters',
  'popReason.unparsable': 'not a valid address',
  'popReason.scheme': 'scheme not allowed',
  'popReason.http-not-allowed': 'plain http is not allowed',
  'popReason.credentials': 'address contains a user name or password',
  'popReason.host-not-allowed': 'host not on the allowlist',
  'popReason.token-to-unlisted-host': 'the session token would go to a host not on the allowlist',
  'popReason.already-popped': 'already opened for this call',
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;

const fr: Catalogue = {
  'app.name': 'Agent Desk',
  'state.ready': 'Disponible',
  'state.paused': 'En pause',
  'state.pausedWith': 'En pause ({reason})',
  'state.ringing': 'Sonnerie',
  'state.onCall': 'En communication',
  'state.dialing': 'Appel sortant',
  'state.wrapup': 'Post-appel',
  'state.loggedOut': 'Agent déconnecté',
  'state.noAgent': 'Connecté',
  'state.signedOut': 'Non connecté',
  'state.connecting': 'Connexion…',
  'state.reconnecting': 'Connexion perdue, reconnexion…',
  'state.offline': 'Hors ligne',
  'tray.tooltip': '{app} — {state}',
  'tray.tooltipSince': '{app} — {state} depuis {duration}',
  'duration.lessThanMinute': 'moins d’une minute',
  'duration.minutes': '{minutes} min',
  'duration.hours': '{hours} h {minutes} min',
  'menu.pause': 'Pause',
  'menu.pauseNoReason': 'Pause (sans motif)',
  'menu.unpause': 'Disponible (fin de pause)',
  'menu.agentLogin': 'Connecter l’agent',
  'menu.agentLogout': 'Déconnecter l’agent',
  'menu.show': 'Afficher Agent Desk',
  'menu.quit': 'Quitter',
  'notify.incomingCall.title': 'Appel entrant',
  'notify.incomingCall.body': '{caller} — file {queue}',
  'notify.incomingCall.bodyNoQueue': '{caller}',
  'notify.unknownCaller': 'Appelant inconnu',
  'notify.callbackDue.title': 'Rappel à faire',
  'notify.callbackDue.body': '{who} — {number}',
  'notify.callbacksDue.body': '{count} rappels sont à faire maintenant',
  'notify.connectionLost.title': 'Connexion perdue',
  'notify.connectionLost.body': 'Agent Desk a perdu le lien avec le serveur et se reconnecte.',
  'notify.connectionRestored.title': 'Connexion rétablie',
  'notify.connectionRestored.body': 'Agent Desk est de nouveau connecté au serveur.',
  'notify.screenPopRefused.title': 'Fiche client non ouverte',
  'notify.screenPopRefused.body': '{reason} : {url}',
  'error.offline': 'Pas de connexion au serveur : rien n’a été envoyé.',
  'error.timeout': 'Le serveur n’a pas confirmé à temps.',
  'error.refused': 'Le serveur a refusé la demande : {detail}',
  'error.notSignedIn': 'Connectez-vous d’abord.',
  'error.noAgent': 'Cet utilisateur n’a pas d’agent.',
  'error.noPhoneNumber': 'Indiquez d’abord le numéro de votre poste.',
  'error.noCall': 'Aucun appel en cours.',
  'error.unknownCallback': 'Ce rappel n’est plus dans les listes.',
  'error.noVoiceMessage': 'Ce rappel n’a pas de message enregistré.',
  'error.noPractice': 'Le serveur d’entraînement n’est pas disponible ici.',
  'error.notAvailable': 'Non disponible ici.',
  'error.invalidCredentials': 'L’identifiant ou le mot de passe est incorrect.',
  'error.unreachable': 'Le serveur est injoignable : {detail}',
  'error.tls': 'Le certificat du serveur a été refusé : {detail}',
  'error.badResponse': 'Le serveur a répondu de façon inattendue : {detail}',
  'error.internal': 'Erreur interne d’Agent Desk : {detail}',
  'error.loggedInOnAnotherPhone':
    'Votre agent est déjà connecté sur le poste {phoneNb}, et non sur {requestedNb}. Déconnectez l’agent de ce poste, ou connectez-vous avec le numéro {phoneNb}.',
  'error.phoneNumberUnknown':
    'Le serveur ne connaît pas le numéro {requestedNb}. Vérifiez le numéro de votre poste.',
  'error.agentError': 'Le serveur a refusé la commande agent : {error}',
  'popReason.too-long': 'adresse trop longue',
  'popReason.control-characters': 'l’adresse contient des caractères de contrôle',
  'popReason.unparsable': 'adresse invalide',
  'popReason.scheme': 'schéma non autorisé',
  'popReason.http-not-allowed': 'http non chiffré non autorisé',
  'popReason.credentials': 'l’adresse contient un identifiant ou un mot de passe',
  'popReason.host-not-allowed': 'hôte absent de la liste autorisée',
  'popReason.token-to-unlisted-host': 'le jeton de session partirait vers un hôte non autorisé',
  'popReason.already-popped': 'déjà ouverte pour cet appel',
};

export const CATALOGUES: Record<Language, Catalogue> = { en, fr };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A translator for one language; `{name}` placeholders are replaced from `params`. */
export function translator(language: Language): Translate {
  const catalogue = CATALOGUES[language] ?? CATALOGUES.en;
  return (key, params) => {
    const template = catalogue[key] ?? en[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
    );
  };
}
