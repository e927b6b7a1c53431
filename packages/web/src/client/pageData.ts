/** What the server put in <body data-*>: the conversation id and the statement length limit. */
export function pageData(): { conversationId: string; statementMaxLength: number; main: HTMLElement } {
  const body = document.body;
  const main = document.getElementById('main');
  if (!main) throw new Error('page markup lacks <main id="main">');
  const conversationId = body.dataset.conversation ?? '';
  const max = Number(body.dataset.statementMax);
  return { conversationId, statementMaxLength: Number.isInteger(max) && max > 0 ? max : 1000, main };
}
