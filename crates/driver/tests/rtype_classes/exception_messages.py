class AppError(Exception):
    def __init__(self, msg):
        super().__init__(msg)
        self.msg = msg
class Other(Exception):
    def __init__(self, msg):
        super().__init__(msg)
class Plain:
    def __init__(self):
        super().__init__()
def entry_point(argv):
    Plain()
    try:
        if len(argv) > 1:
            raise AppError("a")
        raise Other("b")
    except AppError as e:
        print(e.msg)
    except Other as e:
        print(str(e))
    try:
        raise ValueError("bad value")
    except ValueError as e:
        print(e)
    return 0
