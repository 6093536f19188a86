# Prebuilt constants: instances, lists, dicts, frozen objects, class attributes.


class Config:
    def __init__(self, name, level):
        self.name = name
        self.level = level


class Frozen:
    def __init__(self, greeting):
        self.greeting = greeting

    def _freeze_(self):
        return True

    def greet(self, who):
        return self.greeting + ", " + who


DEFAULT = Config("default", 1)
LEVELS = [10, 20, 30]
NAMES = {"a": 1, "b": 2}
HELLO = Frozen("hello")


class Animal:
    sound = "..."


class Dog(Animal):
    sound = "woof"


def speak(a):
    return a.sound


def entry_point(argv):
    DEFAULT.level += 1
    print(DEFAULT.name, DEFAULT.level, LEVELS[2], NAMES["b"], HELLO.greet("you"))
    print(speak(Dog()), speak(Animal()))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
