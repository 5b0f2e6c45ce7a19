/**
 * The Ask chunk's own text (ask.ts), by language: it travels with that chunk, not with the first load.
 * `{n}` and `{title}` are filled in at render time. The button that asks, and the question words that make
 * Enter ask, come with the results chunk (strings/later.ts, question.ts), since they show before this loads.
 */
export interface AskText {
  heading: string;
  answering: string;
  ready: string;
  declined: string;
  sources: string;
  /** A citation pill's accessible name. */
  cite: string;
  stop: string;
  stopped: string;
  failed: string;
  limited: string;
  again: string;
  followUp: string;
  helpful: string;
}

export const ASK: Record<string, AskText> = {
  en: { heading: "Answer", answering: "Finding an answer in the help articles…", ready: "Answer ready.", declined: "The help articles don't answer this. The closest articles are below.", sources: "Sources", cite: "Source {n}: {title}", stop: "Stop", stopped: "Stopped.", failed: "The answer could not be finished.", limited: "You've asked many questions in a short time. Please try again in a minute.", again: "New question", followUp: "Type a follow-up question in the box.", helpful: "Did this answer help?" },
  es: { heading: "Respuesta", answering: "Buscando una respuesta en los artículos de ayuda…", ready: "Respuesta lista.", declined: "Los artículos de ayuda no responden a esto. Abajo están los artículos más cercanos.", sources: "Fuentes", cite: "Fuente {n}: {title}", stop: "Detener", stopped: "Detenido.", failed: "No se pudo terminar la respuesta.", limited: "Has hecho muchas preguntas en poco tiempo. Vuelve a intentarlo en un minuto.", again: "Nueva pregunta", followUp: "Escribe otra pregunta en el cuadro para seguir.", helpful: "¿Te ayudó esta respuesta?" },
  de: { heading: "Antwort", answering: "Antwort in den Hilfeartikeln wird gesucht…", ready: "Antwort bereit.", declined: "Die Hilfeartikel beantworten das nicht. Die passendsten Artikel stehen unten.", sources: "Quellen", cite: "Quelle {n}: {title}", stop: "Stopp", stopped: "Gestoppt.", failed: "Die Antwort konnte nicht fertiggestellt werden.", limited: "Sie haben in kurzer Zeit viele Fragen gestellt. Bitte versuchen Sie es in einer Minute erneut.", again: "Neue Frage", followUp: "Tippen Sie eine Folgefrage in das Feld.", helpful: "Hat diese Antwort geholfen?" },
  fr: { heading: "Réponse", answering: "Recherche d’une réponse dans les articles d’aide…", ready: "Réponse prête.", declined: "Les articles d’aide ne répondent pas à cette question. Les articles les plus proches sont ci-dessous.", sources: "Sources", cite: "Source {n} : {title}", stop: "Arrêter", stopped: "Arrêté.", failed: "La réponse n’a pas pu être terminée.", limited: "Vous avez posé beaucoup de questions en peu de temps. Réessayez dans une minute.", again: "Nouvelle question", followUp: "Tapez une autre question dans le champ pour continuer.", helpful: "Cette réponse vous a-t-elle aidé ?" },
  pt: { heading: "Resposta", answering: "Procurando uma resposta nos artigos de ajuda…", ready: "Resposta pronta.", declined: "Os artigos de ajuda não respondem a isso. Os artigos mais próximos estão abaixo.", sources: "Fontes", cite: "Fonte {n}: {title}", stop: "Parar", stopped: "Interrompido.", failed: "Não foi possível concluir a resposta.", limited: "Você fez muitas perguntas em pouco tempo. Tente de novo em um minuto.", again: "Nova pergunta", followUp: "Digite outra pergunta na caixa para continuar.", helpful: "Esta resposta ajudou?" },
  ja: { heading: "回答", answering: "ヘルプ記事から回答を探しています…", ready: "回答の準備ができました。", declined: "ヘルプ記事にはこの回答がありません。関連する記事を下に表示しています。", sources: "出典", cite: "出典 {n}：{title}", stop: "停止", stopped: "停止しました。", failed: "回答を完了できませんでした。", limited: "短時間に多くの質問が送られました。1 分後にもう一度お試しください。", again: "新しい質問", followUp: "続けて質問するにはボックスに入力してください。", helpful: "この回答は役に立ちましたか？" },
  ar: { heading: "الإجابة", answering: "جارٍ البحث عن إجابة في مقالات المساعدة…", ready: "الإجابة جاهزة.", declined: "لا تجيب مقالات المساعدة عن هذا. أقرب المقالات أدناه.", sources: "المصادر", cite: "المصدر {n}: {title}", stop: "إيقاف", stopped: "تم الإيقاف.", failed: "تعذّر إكمال الإجابة.", limited: "طرحت أسئلة كثيرة في وقت قصير. يُرجى المحاولة بعد دقيقة.", again: "سؤال جديد", followUp: "اكتب سؤالًا متابعًا في المربع.", helpful: "هل ساعدتك هذه الإجابة؟" },
};

export const askText = (code: string | undefined): AskText => ASK[(code ?? "").slice(0, 2)] ?? ASK.en;
