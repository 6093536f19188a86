class Token:
    def __init__(self, text):
        self.text = text
    def kind(self):
        return "token"
class Number(Token):
    def kind(self):
        return "number"
class Word(Token):
    def __init__(self, text, extra=1):
        Token.__init__(self, text)
        self.extra = extra
    def kind(self):
        return "word"
ORDER = [Word, Number]
def pick(n):
    if n > 1:
        return Number
    return Token
def entry_point(argv):
    for cls in ORDER:
        obj = cls("12")
        print(obj.kind())
    c = pick(len(argv))
    print(c("x").text)
    return 0
