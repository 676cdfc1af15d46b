import type { Lang } from '../lang';
import { MAIL_MESSAGES } from './mail';
import { REVIEW_MESSAGES } from './review';
import { PUBLISHING_MESSAGES } from './publishing';
import { SIGN_IN_MESSAGES } from './sign-in';
import { ACCOUNT_SECURITY_MESSAGES } from './account-security';
import { OPERATIONS_MESSAGES } from './operations';
import { PUBLIC_MESSAGES } from './public';
import { TERRITORIAL_MESSAGES } from './territorial';

/**
 * Every message a person can get back from the product — validation, permission, conflict, not
 * found, import — by stable code, in French and English. One source for the API, the pages and the
 * CLI. Conventions:
 *
 * - `{name}` is a named parameter; `{count|une ligne|des lignes}` picks a form by the number `count`
 *   (French: 0 and 1 are singular);
 * - a message that concerns a field is written to follow its label ("Valeur : saisissez un nombre."),
 *   so it starts in lower case; the renderer capitalises it when it stands alone;
 * - French is written with plain spaces before « : ; ? ! » and inside « »: the renderer puts the
 *   non-breaking spaces French typography wants.
 */
export type Message = Record<Lang, string>;

export const MESSAGES = {
  // ── Validation of a request's fields (DTOs, forms) ────────────────────────────────────────────
  'validation.failed': {
    fr: 'Requête refusée : {count|un problème à corriger|{count} problèmes à corriger}.',
    en: 'Request refused: {count|one problem to fix|{count} problems to fix}.',
  },
  'validation.required': { fr: 'ce champ est obligatoire.', en: 'this field is required.' },
  'validation.not_a_number': {
    fr: 'saisissez un nombre, par exemple 1234,5 (dans l’API, un nombre JSON, pas une chaîne).',
    en: 'enter a number, for example 1234.5 (in the API, a JSON number, not a string).',
  },
  'validation.not_an_integer': { fr: 'saisissez un nombre entier.', en: 'enter a whole number.' },
  'validation.not_text': { fr: 'saisissez du texte.', en: 'enter text.' },
  'validation.too_short': {
    fr: 'saisissez au moins {min|{min} caractère|{min} caractères}.',
    en: 'enter at least {min|{min} character|{min} characters}.',
  },
  'validation.too_long': {
    fr: 'saisissez au plus {max} caractères (il y en a {length}).',
    en: 'enter at most {max} characters (there are {length}).',
  },
  'validation.too_small': { fr: 'saisissez un nombre supérieur ou égal à {min}.', en: 'enter a number greater than or equal to {min}.' },
  'validation.too_large': { fr: 'saisissez un nombre inférieur ou égal à {max}.', en: 'enter a number less than or equal to {max}.' },
  'validation.not_a_date': {
    fr: 'saisissez une date réelle au format AAAA-MM-JJ, par exemple 2025-03-31.',
    en: 'enter a real date written YYYY-MM-DD, for example 2025-03-31.',
  },
  'validation.not_one_of': { fr: 'choisissez {allowed}.', en: 'choose {allowed}.' },
  'validation.not_an_email': {
    fr: 'saisissez une adresse électronique valide, par exemple prenom.nom@sante.gouv.fr.',
    en: 'enter a valid email address, for example first.last@sante.gouv.fr.',
  },
  'validation.not_a_boolean': { fr: 'indiquez true ou false.', en: 'give true or false.' },
  'validation.not_a_list': { fr: 'donnez une liste.', en: 'give a list.' },
  'validation.repeated_items': { fr: 'chaque élément ne doit figurer qu’une fois.', en: 'give each item once only.' },
  'validation.unknown_field': {
    fr: 'ce champ n’est pas accepté ici, retirez-le.',
    en: 'this field is not accepted here, remove it.',
  },
  'validation.invalid': { fr: 'cette valeur n’est pas acceptée.', en: 'this value is not accepted.' },
  'validation.not_an_id': { fr: 'ce doit être un nombre entier positif.', en: 'it must be a positive whole number.' },

  // ── Values and dates, by the roadmap's rules ──────────────────────────────────────────────────
  'value.out_of_bounds': {
    fr: 'saisissez un nombre compris entre -{max} et {max}.',
    en: 'enter a number between -{max} and {max}.',
  },
  'value.percent_out_of_range': {
    fr: 'c’est un pourcentage, saisissez un nombre entre 0 et 100.',
    en: 'this is a percentage, enter a number between 0 and 100.',
  },
  'value.negative_count': { fr: 'c’est un dénombrement, il ne peut pas être négatif.', en: 'this is a count, it cannot be negative.' },
  'value.fractional_count': { fr: 'c’est un dénombrement, saisissez un nombre entier.', en: 'this is a count, enter a whole number.' },
  'value.negative_rate': { fr: 'c’est un taux, il ne peut pas être négatif.', en: 'this is a rate, it cannot be negative.' },
  'date.too_early': { fr: 'la date ne peut pas être antérieure au {earliest}.', en: 'the date cannot be before {earliest}.' },
  'date.in_future': {
    fr: 'la date est dans le futur (nous sommes le {today}).',
    en: 'the date is in the future (today is {today}).',
  },

  // ── Milestones ─────────────────────────────────────────────────────────────────────────────────
  'milestone.nothing_to_change': {
    fr: 'indiquez au moins un changement (état, date de réalisation, preuve ou commentaire).',
    en: 'give at least one change (state, completion date, evidence or comment).',
  },
  'milestone.completed_on_required': {
    fr: 'obligatoire quand le jalon est réalisé.',
    en: 'required when the milestone is done.',
  },
  'milestone.completed_on_not_done': {
    fr: 'seulement pour un jalon réalisé (l’état choisi est « {state} ») ; videz ce champ ou choisissez « {done} ».',
    en: 'only for a done milestone (the state chosen is "{state}"); empty this field or choose "{done}".',
  },
  'milestone.evidence_not_a_link': {
    fr: 'un lien doit commencer par http:// ou https:// (pas {scheme}:).',
    en: 'a link must start with http:// or https:// (not {scheme}:).',
  },

  // ── Permissions and signing in ─────────────────────────────────────────────────────────────────
  'permission.body_not_allowed': {
    fr: 'Vous saisissez pour {bodies} ; l’objectif {objective} est piloté par {lead} (organismes : {objectiveBodies}).',
    en: 'You record for {bodies}; objective {objective} is led by {lead} (bodies: {objectiveBodies}).',
  },
  'permission.viewer_cannot_record': {
    fr: 'Un compte « {role} » ne peut pas saisir de valeurs ni l’avancement des jalons.',
    en: 'An account with the "{role}" role cannot record values or milestone progress.',
  },
  'permission.role_required': {
    fr: 'Cette action est réservée au rôle {roles} ; votre rôle est « {role} ».',
    en: 'This requires the {roles} role; your role is "{role}".',
  },
  'permission.own_tokens_only': { fr: 'Vous ne pouvez révoquer que vos propres jetons.', en: 'You can only revoke your own tokens.' },
  'auth.sign_in_required': {
    fr: 'Connectez-vous d’abord : envoyez l’en-tête « Authorization: Bearer <jeton> » (POST /api/v1/auth/login en donne un).',
    en: 'Sign in first: send "Authorization: Bearer <token>" (POST /api/v1/auth/login gives one).',
  },
  'auth.token_invalid': {
    fr: 'Votre jeton ou votre session est invalide, expiré ou révoqué : reconnectez-vous (POST /api/v1/auth/login).',
    en: 'Your token or session is invalid, expired or revoked: sign in again (POST /api/v1/auth/login).',
  },
  'auth.wrong_credentials': { fr: 'Adresse électronique ou mot de passe incorrect.', en: 'Wrong email address or password.' },

  // ── Not found ──────────────────────────────────────────────────────────────────────────────────
  'not_found.indicator': { fr: 'Aucun indicateur n’a l’identifiant {id}.', en: 'No indicator has id {id}.' },
  'not_found.milestone': { fr: 'Aucun jalon n’a l’identifiant {id}.', en: 'No milestone has id {id}.' },
  'not_found.measurement': { fr: 'Aucune valeur n’a l’identifiant {id}.', en: 'No measurement has id {id}.' },
  'not_found.objective': {
    fr: 'Aucun objectif n’a le code « {code} » : les codes vont de « 1-1 » à « 18-4 ».',
    en: 'No objective has code "{code}": codes run from "1-1" to "18-4".',
  },
  'not_found.body': {
    fr: 'Aucun organisme n’a le sigle « {acronym} » (GET /api/v1/bodies les liste).',
    en: 'No body has acronym "{acronym}" (GET /api/v1/bodies lists them).',
  },
  'not_found.user': { fr: 'Aucun compte n’a l’identifiant {id}.', en: 'No user has id {id}.' },
  'not_found.user_email': { fr: 'Aucun compte n’a l’adresse {email}.', en: 'No user has email address {email}.' },
  'not_found.token': { fr: 'Aucun jeton n’a l’identifiant {id}.', en: 'No token has id {id}.' },
  'not_found.report': { fr: 'Aucun rapport n’a l’identifiant « {id} ».', en: 'No report has id "{id}".' },
  'not_found.route': {
    fr: 'Cette adresse n’existe pas : {method} {path} (la documentation de l’API est sur /api/docs).',
    en: 'No such address: {method} {path} (the API documentation is at /api/docs).',
  },

  // ── Conflicts: say what to do instead ──────────────────────────────────────────────────────────
  'measurement.duplicate': {
    fr: 'L’indicateur {indicator} a déjà une valeur au {date} (valeur {measurement}) : corrigez-la plutôt (POST /api/v1/measurements/{measurement}/corrections).',
    en: 'Indicator {indicator} already has a value for {date} (measurement {measurement}): correct it instead (POST /api/v1/measurements/{measurement}/corrections).',
  },
  'measurement.already_corrected': {
    fr: 'La valeur {measurement} a déjà été corrigée par la valeur {by} : corrigez la dernière version.',
    en: 'Measurement {measurement} was already corrected by measurement {by}: correct the latest version.',
  },
  'measurement.date_taken': {
    fr: 'L’indicateur {indicator} a déjà une valeur au {date} (valeur {measurement}) : corrigez celle-ci ou choisissez une autre date.',
    en: 'Indicator {indicator} already has a value for {date} (measurement {measurement}): correct that one or choose another date.',
  },
  'user.email_taken': {
    fr: 'Un compte existe déjà avec l’adresse {email} : modifiez ce compte plutôt que d’en créer un autre.',
    en: 'An account with email address {email} already exists: change that account instead of creating another.',
  },

  // ── Accounts ───────────────────────────────────────────────────────────────────────────────────
  'user.unknown_bodies': {
    fr: '{count|cet organisme est inconnu|ces organismes sont inconnus}, {unknown} (GET /api/v1/bodies les liste).',
    en: '{count|this body is unknown|these bodies are unknown}, {unknown} (GET /api/v1/bodies lists them).',
  },
  'user.editor_needs_body': {
    fr: 'un compte « {role} » saisit pour au moins un organisme ; indiquez-en un.',
    en: 'an account with the "{role}" role records for at least one body; give one.',
  },
  'user.bodies_not_for_role': {
    fr: 'un compte « {role} » n’est rattaché à aucun organisme (seul un compte « {editorRole} » l’est) ; retirez les organismes ou changez le rôle.',
    en: 'an account with the "{role}" role has no bodies (only one with the "{editorRole}" role has); remove the bodies or change the role.',
  },

  // ── Reports ────────────────────────────────────────────────────────────────────────────────────
  'period.invalid': {
    fr: '« {text} » n’est pas une période ; écrivez 2025-11 (mois), 2025-Q4 (trimestre), 2025-H2 (semestre) ou 2025 (année).',
    en: '"{text}" is not a period; write 2025-11 (month), 2025-Q4 (quarter), 2025-H2 (half-year) or 2025 (year).',
  },
  'report.as_of_outside_period': {
    fr: 'la date doit être dans la période choisie, du {earliest} au {date}.',
    en: 'the date must fall within the chosen period, from {earliest} to {date}.',
  },
  'report.as_of_in_future': {
    fr: 'la date est dans le futur (nous sommes le {today}) ; un rapport dit ce qui est connu.',
    en: 'the date is in the future (today is {today}); a report states what is known.',
  },
  'report.scope_not_for_roadmap': {
    fr: 'un rapport sur toute la feuille de route n’a pas de périmètre ; laissez ce champ vide.',
    en: 'a roadmap report covers everything; leave this field empty.',
  },
  'report.scope_required': { fr: 'obligatoire pour ce type de rapport ; indiquez {expected}.', en: 'required for this kind of report; give {expected}.' },
  'report.scope_unknown': { fr: '« {scope} » n’est pas {expected}.', en: '"{scope}" is not {expected}.' },
  'report.printer_failed': {
    fr: 'Le rapport n’a pas pu être imprimé en PDF ; l’imprimeur a été relancé : réessayez.',
    en: 'The report could not be printed to PDF; the printer was restarted: try again.',
  },
  'report.printer_timeout': {
    fr: 'L’impression du PDF n’a pas abouti en {seconds}\u00a0s ; l’imprimeur a été relancé : réessayez.',
    en: 'The PDF was not printed within {seconds} s; the printer was restarted: try again.',
  },
  'report.printer_unavailable': {
    fr: 'Chromium, qui imprime les rapports en PDF, n’a pas pu démarrer : prévenez l’exploitant (le format HTML reste disponible).',
    en: 'Chromium, which prints reports to PDF, could not start: tell the operator (the HTML format still works).',
  },

  // ── Uploads and requests ───────────────────────────────────────────────────────────────────────
  'upload.no_file': {
    fr: 'Envoyez le tableur en multipart/form-data, dans un champ nommé « file ».',
    en: 'Send the spreadsheet as multipart/form-data, in a field named "file".',
  },
  'upload.choose_file': { fr: 'choisissez un fichier CSV ou XLSX à vérifier.', en: 'choose a CSV or XLSX file to check.' },
  'upload.unexpected_field': {
    fr: 'Champ de fichier inattendu « {name} » : envoyez le tableur dans un champ nommé « file ».',
    en: 'Unexpected file field "{name}": send the spreadsheet in a field named "file".',
  },
  'upload.too_large': {
    fr: 'Fichier trop volumineux : la limite est de {max} octets (MAX_UPLOAD_BYTES).',
    en: 'File too large: the limit is {max} bytes (MAX_UPLOAD_BYTES).',
  },
  'upload.too_many_parts': {
    fr: 'Ce formulaire a trop de parties : envoyez un seul fichier, dans un champ nommé « file ».',
    en: 'Too many parts in this form: send one file, in a field named "file".',
  },
  'upload.unreadable': { fr: 'L’envoi du fichier n’a pas pu être lu : envoyez-le à nouveau.', en: 'The upload could not be read: send it again.' },
  'request.invalid_json': { fr: 'Le corps de la requête n’est pas du JSON valide.', en: 'The request body is not valid JSON.' },
  'request.body_not_object': {
    fr: 'Le corps de la requête doit être un objet JSON, avec un champ par donnée.',
    en: 'The request body must be a JSON object, with one field per item.',
  },
  'request.forbidden_key': {
    fr: 'La clé « {key} » n’est pas acceptée dans le corps d’une requête.',
    en: 'The key "{key}" is not allowed in a request body.',
  },
  'request.too_large': { fr: 'Le corps de la requête est trop volumineux.', en: 'The request body is too large.' },
  'request.unsupported_media_type': {
    fr: 'Ce type de contenu n’est pas accepté : envoyez du JSON (application/json).',
    en: 'This content type is not accepted: send JSON (application/json).',
  },
  'request.bad': { fr: 'La requête n’est pas valide.', en: 'The request is not valid.' },
  'request.forbidden': { fr: 'Vous n’avez pas accès à cette action.', en: 'You may not do this.' },
  'request.method_not_allowed': { fr: 'Cette méthode n’est pas acceptée à cette adresse.', en: 'This method is not allowed at this address.' },
  'request.too_many': { fr: 'Trop de tentatives : réessayez dans une minute.', en: 'Too many attempts: wait a minute and try again.' },
  'server.error': {
    fr: 'Erreur interne du serveur : l’incident est journalisé ; réessayez plus tard.',
    en: 'Internal server error: the incident is logged; try again later.',
  },
  'server.unavailable': { fr: 'Service momentanément indisponible : réessayez plus tard.', en: 'Service unavailable for now: try again later.' },

  // ── Imports: the file as a whole ───────────────────────────────────────────────────────────────
  'import.file.extension_refused': {
    fr: 'un fichier .{ext} n’est pas accepté ; envoyez un fichier CSV ou XLSX.',
    en: 'a .{ext} file is not accepted; send CSV or XLSX.',
  },
  'import.file.old_spreadsheet': {
    fr: 'un fichier .{ext} n’est pas accepté ; ouvrez-le dans votre tableur et enregistrez-le au format .xlsx (ou CSV UTF-8).',
    en: 'a .{ext} file is not accepted; open it in your spreadsheet and save it as .xlsx (or CSV UTF-8).',
  },
  'import.file.legacy_workbook': {
    fr: 'c’est un ancien classeur .xls ou un classeur protégé par mot de passe ; enregistrez-le au format .xlsx sans mot de passe (ou en CSV UTF-8).',
    en: 'this is an old .xls workbook or a password-protected one; save it as .xlsx without a password (or as CSV UTF-8).',
  },
  'import.file.not_a_workbook': {
    fr: 'ce n’est pas un fichier XLSX lisible ; le contenu n’est pas un classeur, quel que soit son nom.',
    en: 'not a readable XLSX file; the content is not a workbook, whatever its name.',
  },
  'import.file.pdf_refused': { fr: 'un PDF n’est pas accepté ; envoyez un fichier CSV ou XLSX.', en: 'a PDF is not accepted; send CSV or XLSX.' },
  'import.file.program_refused': { fr: 'un programme n’est pas accepté ; envoyez un fichier CSV ou XLSX.', en: 'a program is not accepted; send CSV or XLSX.' },
  'import.file.utf16': {
    fr: 'le fichier est du texte UTF-16, pas UTF-8 ; dans votre tableur, enregistrez-le au format « CSV UTF-8 » et réessayez.',
    en: 'the file is UTF-16 text, not UTF-8; in your spreadsheet, save it as "CSV UTF-8" and try again.',
  },
  'import.file.not_utf8': {
    fr: 'le fichier n’est pas du texte UTF-8 (l’export « CSV » simple d’un tableur ne l’est pas) ; dans votre tableur, enregistrez-le au format « CSV UTF-8 » et réessayez.',
    en: 'the file is not UTF-8 text (a spreadsheet\'s plain "CSV" export is not); in your spreadsheet, save it as "CSV UTF-8" and try again.',
  },
  'import.file.binary': {
    fr: 'le fichier n’est pas du texte ; envoyez un fichier CSV (UTF-8) ou XLSX.',
    en: 'the file is not text; send CSV (UTF-8) or XLSX.',
  },
  'import.file.too_large': {
    fr: 'le fichier dépasse la limite de {max} octets ; découpez-le en fichiers plus petits.',
    en: 'the file is larger than the limit of {max} bytes; split it into smaller files.',
  },
  'import.file.empty': { fr: 'le fichier est vide.', en: 'the file is empty.' },
  'import.file.too_many_rows': {
    fr: 'le fichier a plus de {max} lignes (la limite) ; découpez-le en fichiers plus petits.',
    en: 'the file has more than {max} rows (the limit); split it into smaller files.',
  },
  'import.file.unclosed_quote': {
    fr: 'le CSV est illisible ; un guillemet (") ouvert vers la ligne {line} n’est jamais fermé.',
    en: 'the CSV cannot be read; a quote (") opened near line {line} is never closed.',
  },
  'import.file.csv_unreadable': {
    fr: 'le CSV est illisible vers la ligne {line} ; enregistrez-le à nouveau depuis votre tableur.',
    en: 'the CSV cannot be read near line {line}; save it again from your spreadsheet.',
  },
  'import.file.unreadable_xlsx': {
    fr: 'ce n’est pas un fichier XLSX lisible (fichier endommagé ou tronqué) ; ouvrez-le dans votre tableur et enregistrez-le à nouveau au format .xlsx.',
    en: 'not a readable XLSX file (the file is damaged or truncated); open it in your spreadsheet and save it again as .xlsx.',
  },
  'import.file.xlsx_part_size': {
    fr: 'ce n’est pas un fichier XLSX lisible (la partie {part} annonce {declared} octets mais en contient {actual}) ; ouvrez-le dans votre tableur et enregistrez-le à nouveau au format .xlsx.',
    en: 'not a readable XLSX file (part {part} declares {declared} bytes but holds {actual}); open it in your spreadsheet and save it again as .xlsx.',
  },
  'import.file.no_worksheet': { fr: 'le classeur n’a aucune feuille.', en: 'the workbook has no worksheet.' },
  'import.file.zip_too_many_parts': {
    fr: 'le fichier XLSX contient plus de {max} parties (la limite), il est refusé.',
    en: 'the XLSX holds more than the {max} parts allowed, so it is refused.',
  },
  'import.file.zip_declared_too_large': {
    fr: 'le fichier XLSX annonce plus de {max} octets une fois décompressé (la limite), il est refusé.',
    en: 'the XLSX declares more than {max} bytes once inflated (the limit), so it is refused.',
  },
  'import.file.zip_inflated_too_large': {
    fr: 'le fichier XLSX dépasse {max} octets une fois décompressé (la limite), il est refusé.',
    en: 'the XLSX inflates to more than {max} bytes (the limit), so it is refused.',
  },
  'import.file.zip_bomb': {
    fr: 'la partie {part} du fichier XLSX a un taux de compression invraisemblable (une bombe zip ?), il est refusé.',
    en: 'the XLSX part {part} has an implausible compression ratio (a zip bomb?), so it is refused.',
  },
  'import.file.header_empty': {
    fr: 'la première ligne est vide ; ce doit être la ligne d’en-tête qui nomme les colonnes (id indicateur, valeur, date, source, commentaire).',
    en: 'the first row is empty; it must be the header row naming the columns (indicatorId, value, observedAt, source, comment).',
  },

  // ── Imports: the header row ────────────────────────────────────────────────────────────────────
  'import.columns.unknown': {
    fr: '{count|colonne inconnue|colonnes inconnues} : {columns} ; colonnes attendues : {expected}.',
    en: '{count|unknown column|unknown columns} {columns}; expected: {expected}.',
  },
  'import.columns.missing': {
    fr: '{count|colonne manquante|colonnes manquantes} : {missing} ; colonnes attendues : {expected}.',
    en: '{count|missing column|missing columns} {missing}; expected: {expected}.',
  },
  'import.columns.repeated': {
    fr: 'les colonnes « {first} » et « {second} » donnent toutes deux « {field} » ; n’en gardez qu’une.',
    en: 'columns "{first}" and "{second}" both give "{field}"; keep only one.',
  },

  // ── Imports: cells and rows ────────────────────────────────────────────────────────────────────
  'import.cell.formula': { fr: 'les formules ne sont pas acceptées ; collez les valeurs.', en: 'formulas are not accepted; paste values.' },
  'import.cell.error': {
    fr: 'la cellule affiche l’erreur {error} ; saisissez la valeur à la place.',
    en: 'the cell shows the error {error}; type the value instead.',
  },
  'import.cell.empty': { fr: 'la cellule est vide ; elle est obligatoire.', en: 'the cell is empty; it is required.' },
  'import.cell.not_a_number': {
    fr: '« {cell} » n’est pas un nombre (par exemple 1234,5).',
    en: '"{cell}" is not a finite number (for example 1234.5).',
  },
  'import.cell.value_too_large': {
    fr: '« {cell} » est trop grand ; une valeur est comprise entre -{max} et {max}.',
    en: '"{cell}" is too large; a value must be between -{max} and {max}.',
  },
  'import.cell.date_is_number': {
    fr: '« {cell} » est un nombre, pas une date ; écrivez AAAA-MM-JJ ou JJ/MM/AAAA, ou mettez la cellule au format date.',
    en: '"{cell}" is a number, not a date; write YYYY-MM-DD or DD/MM/YYYY, or format the cell as a date.',
  },
  'import.cell.not_a_date': {
    fr: '« {cell} » n’est pas une date réelle (écrivez AAAA-MM-JJ ou JJ/MM/AAAA).',
    en: '"{cell}" is not a real date (write YYYY-MM-DD or DD/MM/YYYY).',
  },
  'import.cell.not_an_id': {
    fr: '« {cell} » n’est pas un identifiant d’indicateur (un nombre entier positif).',
    en: '"{cell}" is not an indicator id (a positive whole number).',
  },
  'import.cell.code_is_date': {
    fr: '« {cell} » est une date, pas un code d’objectif comme « 1-1 » (le tableur a changé le code en date) ; mettez la colonne au format texte et saisissez-le à nouveau.',
    en: '"{cell}" is a date, not an objective code like "1-1" (the spreadsheet turned the code into a date); format the column as text and retype it.',
  },
  'import.cell.not_a_code': {
    fr: '« {cell} » n’est pas un code d’objectif comme « 1-1 ».',
    en: '"{cell}" is not an objective code like "1-1".',
  },
  'import.cell.missing_indicator': {
    fr: 'la cellule est vide ; donnez l’identifiant de l’indicateur, ou le code de l’objectif et le nom de l’indicateur.',
    en: 'the cell is empty; give the indicator id, or the objective code and the indicator name.',
  },
  'import.cell.missing_indicator_name': {
    fr: 'la cellule est vide ; donnez le nom de l’indicateur avec le code de l’objectif (ou l’identifiant de l’indicateur).',
    en: 'the cell is empty; give the indicator name with the objective code (or the indicator id).',
  },
  'import.cell.missing_objective_code': {
    fr: 'la cellule est vide ; donnez le code de l’objectif avec le nom de l’indicateur (ou l’identifiant de l’indicateur).',
    en: 'the cell is empty; give the objective code with the indicator name (or the indicator id).',
  },
  'import.column_without_header': {
    fr: 'la colonne {column} n’a pas d’en-tête, mais cette ligne y a une valeur ; nommez la colonne ou supprimez la valeur.',
    en: 'column {column} has no header but this row has a value in it; name the column or delete the value.',
  },
  'import.duplicate_line': {
    fr: 'même indicateur et même date qu’à la ligne {line} ; gardez une seule de ces lignes.',
    en: 'same indicator and date as line {line}; keep only one of these rows.',
  },
  'import.unknown_indicator': { fr: 'aucun indicateur n’a l’identifiant {id}.', en: 'no indicator has id {id}.' },
  'import.indicator_objective_mismatch': {
    fr: 'l’indicateur {id} appartient à l’objectif {objective}, pas à {given}.',
    en: 'indicator {id} belongs to objective {objective}, not {given}.',
  },
  'import.unknown_objective': { fr: 'aucun objectif n’a le code « {code} ».', en: 'no objective has code "{code}".' },
  'import.unknown_indicator_name': {
    fr: 'l’objectif {objective} n’a pas d’indicateur « {name} » ; ses indicateurs sont {indicators}.',
    en: 'objective {objective} has no indicator "{name}"; its indicators are {indicators}.',
  },
  'import.objective_without_indicators': {
    fr: 'l’objectif {objective} n’a que des jalons, aucun indicateur.',
    en: 'objective {objective} has milestones only, no indicator.',
  },
  'import.already_recorded': {
    fr: 'l’indicateur {indicator} a déjà une valeur au {date} (valeur {measurement}) ; pour la corriger, dites pourquoi dans une colonne « motif » (reason).',
    en: 'indicator {indicator} already has a value for {date} (measurement {measurement}); to correct it, say why in a "reason" column ("motif" in French).',
  },
  'import.nothing_to_correct': {
    fr: 'il n’y a pas de valeur au {date} à corriger ; laissez le motif vide pour enregistrer une nouvelle valeur.',
    en: 'there is no value for {date} to correct; leave the reason empty to record a new value.',
  },
  'import.reason_too_short': {
    fr: 'dites en quelques mots pourquoi la valeur est corrigée (au moins 3 caractères).',
    en: 'say in a few words why the value is corrected (at least 3 characters).',
  },
  'import.correction_conflict': {
    fr: 'Ligne {line} : la valeur {measurement} a été corrigée entre-temps ; rien n’a été importé, relancez l’import.',
    en: 'Line {line}: measurement {measurement} was corrected meanwhile; nothing was imported: run the import again.',
  },
  'import.source_required': {
    fr: 'indiquez d’où vient le chiffre (la source est obligatoire).',
    en: 'say where the figure comes from (the source is required).',
  },
  'import.nothing_imported': {
    fr: 'Rien n’a été importé : {count|un problème est à corriger|{count} problèmes sont à corriger} d’abord (une vérification les montre tous).',
    en: 'Nothing was imported: {count|one problem|{count} problems} to fix first (run a dry run to see them all).',
  },
  'import.no_rows': { fr: 'Rien n’a été importé : le fichier n’a aucune ligne de données.', en: 'Nothing was imported: the file has no data rows.' },
  // ── The periodic review: messages/review.ts ───────────────────────────────────────────────────
  ...REVIEW_MESSAGES,
  // ── Mail (the outbox): messages/mail.ts ──────────────────────────────────────────────────────────
  ...MAIL_MESSAGES,
  // ── Closing a review period and its publication: messages/publishing.ts ─────────────────────
  ...PUBLISHING_MESSAGES,
  // ── Sign-in through ProConnect: messages/sign-in.ts ─────────────────────────────────────────────
  ...SIGN_IN_MESSAGES,
  // ── Second factor, lockout, password reset: messages/account-security.ts ───────────────────────
  ...ACCOUNT_SECURITY_MESSAGES,
  // ── Metrics, readiness, packaging, backups: messages/operations.ts ────────────────────────────
  ...OPERATIONS_MESSAGES,
  // ── The public view (PUBLIC_SITE): messages/public.ts ─────────────────────────────────────────
  ...PUBLIC_MESSAGES,
  // ── Territorial values, scoped editors: messages/territorial.ts ───────────────────────────────
  ...TERRITORIAL_MESSAGES,
} satisfies Record<string, Message>;

export type MessageCode = keyof typeof MESSAGES;

/**
 * How some parameters read in each language: a role, a milestone state, what a report scope is, a
 * missing import column. Keyed by parameter name, then value.
 */
export const PARAM_WORDS: Record<Lang, Record<string, Record<string, string>>> = {
  fr: {
    expected: {
      focus_area: 'un numéro d’axe (de 1 à 4)',
      body: 'le sigle d’un organisme (par exemple CNAM)',
      objective: 'un code d’objectif (par exemple 1-1)',
      region: 'le code officiel d’une région (par exemple 84 pour Auvergne-Rhône-Alpes)',
      columns:
        'id indicateur (ou code objectif + nom indicateur), valeur, date, et si besoin source, commentaire, motif (pour corriger une valeur), ' +
        'territoire (région ou département et son code officiel), dénominateur (d’un taux pondéré) ' +
        '(en anglais : indicatorId (ou objectiveCode + indicatorName), value, observedAt, source, comment, reason, territory, denominator)',
    },
    missing: {
      indicator: 'id indicateur (ou code objectif + nom indicateur)',
      indicatorName: 'nom indicateur (ou id indicateur)',
      objectiveCode: 'code objectif (ou id indicateur)',
      value: 'valeur',
      observedAt: 'date',
    },
  },
  en: {
    expected: {
      focus_area: 'a focus area number (1 to 4)',
      body: 'a body acronym (for example CNAM)',
      objective: 'an objective code (for example 1-1)',
      region: 'the official code of a region (for example 84 for Auvergne-Rhône-Alpes)',
      columns:
        'indicatorId (or objectiveCode + indicatorName), value, observedAt, and optionally source, comment, reason (to correct a value), ' +
        'territory (region:84, departement:2A), denominator (of a weighted rate) ' +
        '(in French: id indicateur (or code objectif + nom indicateur), valeur, date, source, commentaire, motif, territoire, dénominateur)',
    },
    missing: {
      indicator: 'indicatorId (or objectiveCode + indicatorName)',
      indicatorName: 'indicatorName (or indicatorId)',
      objectiveCode: 'objectiveCode (or indicatorId)',
      value: 'value',
      observedAt: 'observedAt',
    },
  },
};
