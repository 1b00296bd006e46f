export declare class Html {
    readonly text: string;
    constructor(text: string);
    toString(): string;
}
export declare function escapeHtml(text: string): string;
type Value = Html | string | number | null | undefined | false | readonly Value[];
export declare function html(strings: TemplateStringsArray, ...values: Value[]): Html;
export declare function spellHidden(text: string): string;
export declare function shown(text: string): Html;
export {};
