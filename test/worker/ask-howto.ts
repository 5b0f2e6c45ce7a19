/**
 * The how-to non-regression set for Ask: questions a visitor would type, written from the demo knowledge
 * base (the fake's seed), in English and Spanish. Half the knowledge base answers, citing one of `cites`;
 * half it does not cover, and they must be declined. Checked against the extractive answerer in npm test.
 */
export interface HowTo {
  lang: "en_US" | "es_ES";
  question: string;
  /** The articles an answer may cite; none: the knowledge base does not say, so Ask must decline. */
  cites?: number[];
}

export const HOW_TO: HowTo[] = [
  // English, answerable
  { lang: "en_US", question: "How do I reset my password?", cites: [12] },
  { lang: "en_US", question: "How can I change my email address?", cites: [11] },
  { lang: "en_US", question: "How do I invite my team?", cites: [3] },
  { lang: "en_US", question: "Where can I download my invoices?", cites: [15] },
  { lang: "en_US", question: "How do I cancel my subscription?", cites: [17] },
  { lang: "en_US", question: "How do I connect Slack?", cites: [23] },
  { lang: "en_US", question: "How do I create an API key?", cites: [25] },
  { lang: "en_US", question: "How do I turn on two-factor authentication?", cites: [45] },
  { lang: "en_US", question: "How do I import tasks from a CSV file?", cites: [5, 38] },
  { lang: "en_US", question: "How do I set up SSO with Okta?", cites: [47] },
  // English, not covered
  { lang: "en_US", question: "How do I bake sourdough bread?" },
  { lang: "en_US", question: "What is the capital of Mongolia?" },
  { lang: "en_US", question: "Can I pay with Bitcoin?" },
  { lang: "en_US", question: "How do I connect Microsoft Teams?" },
  { lang: "en_US", question: "Do you have an office in Tokyo?" },
  { lang: "en_US", question: "How do I record a video call?" },
  { lang: "en_US", question: "Who won the football world cup?" },
  { lang: "en_US", question: "How do I print a Gantt chart?" },
  { lang: "en_US", question: "How do I install the Linux desktop client?" },
  { lang: "en_US", question: "What is your phone number for sales in Brazil?" },
  // Spanish, answerable
  { lang: "es_ES", question: "¿Cómo puedo restablecer mi contraseña?", cites: [12] },
  { lang: "es_ES", question: "¿Cómo cambio mi contraseña?", cites: [13] },
  { lang: "es_ES", question: "¿Cómo invito a mi equipo?", cites: [3] },
  { lang: "es_ES", question: "¿Dónde descargo las facturas?", cites: [15] },
  { lang: "es_ES", question: "¿Cómo cancelo la suscripción?", cites: [17] },
  { lang: "es_ES", question: "¿Cómo conecto Slack?", cites: [23] },
  { lang: "es_ES", question: "¿Cómo actualizo el método de pago?", cites: [14] },
  { lang: "es_ES", question: "¿Cómo exporto los datos de mi cuenta?", cites: [20] },
  { lang: "es_ES", question: "¿Cómo activo la autenticación en dos pasos?", cites: [45] },
  { lang: "es_ES", question: "¿Qué hago si no llegó el correo para restablecer la contraseña?", cites: [35, 12] },
  // Spanish, not covered
  { lang: "es_ES", question: "¿Cómo hago una paella valenciana?" },
  { lang: "es_ES", question: "¿Cuál es la capital de Mongolia?" },
  { lang: "es_ES", question: "¿Puedo pagar con Bitcoin?" },
  { lang: "es_ES", question: "¿Cómo conecto Microsoft Teams?" },
  { lang: "es_ES", question: "¿Tienen una oficina en Tokio?" },
  { lang: "es_ES", question: "¿Cómo grabo una videollamada?" },
  { lang: "es_ES", question: "¿Quién ganó el mundial de fútbol?" },
  { lang: "es_ES", question: "¿Cómo imprimo un diagrama de Gantt?" },
  { lang: "es_ES", question: "¿Cómo instalo el cliente de escritorio para Linux?" },
  { lang: "es_ES", question: "¿Cuál es el teléfono de ventas en Brasil?" },
];
