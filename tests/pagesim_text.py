"""Article text for the page simulator: topics, written for this project, copying nothing.

Each topic has its own places, bodies, things and deeds, so two stories on a page differ
in their words the way two real stories do, and a story's paragraphs share words the way
one story's do. Sentences are put together from templates; numbers and names vary.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟段雷钱汤尹黎常武乔贺赖龚文"
GIVEN = "晓静婷志远文斌海涛丽娜建国春梅雅琪子涵宇航欣怡佳慧俊杰明轩思远雪峰秀兰玉龙新华永刚红霞国庆晨阳嘉怡立新瑞雪桂芳振宇云飞"
MONGOL = ["巴特尔", "其其格", "阿荣", "乌日娜", "苏和", "萨仁", "额尔敦", "娜仁"]


def person(rng: random.Random, size: int | None = None) -> str:
    if size is None and rng.random() < 0.08:
        return rng.choice(MONGOL)
    n = size if size is not None else rng.choice((2, 3, 3, 3))
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(n - 1))


@dataclass(frozen=True)
class Topic:
    name: str
    places: tuple[str, ...]
    bodies: tuple[str, ...]  # organisations that act
    things: tuple[str, ...]  # nouns of the subject
    deeds: tuple[str, ...]  # verb phrases
    roles: tuple[str, ...]  # who is quoted
    quotes: tuple[str, ...]
    scenes: tuple[str, ...]
    heads: tuple[str, ...]  # 4-8 character halves of section headings
    titles: tuple[str, ...]  # templates: {place} {thing} {n}


def _t(*words: str) -> tuple[str, ...]:
    return words


TOPICS: tuple[Topic, ...] = (
    Topic(
        "heating",
        _t("新城区", "回民区", "玉泉区", "金桥开发区"),
        _t("市热力集团", "市住房和城乡建设局", "供热服务中心"),
        _t("供热管网", "换热站", "室内温度", "老旧管道", "暖气片", "供热热线", "热源厂"),
        _t(
            "更换老旧供热管道",
            "对换热站进行智能化改造",
            "开通24小时供热服务热线",
            "入户测温",
            "排查供热隐患",
            "为困难家庭减免取暖费",
        ),
        _t("热力公司维修班长", "小区居民", "供热站站长"),
        _t(
            "以前一到冬天屋里就冷,现在暖气烧得足,穿一件毛衣就够了",
            "接到报修电话,我们半个小时之内就能赶到现场",
            "今年换了新管道,楼上楼下都一样热乎",
        ),
        _t(
            "维修工人正在更换锈蚀的阀门,管道旁堆放着保温材料",
            "监控大屏上实时跳动着各个换热站的温度和压力数据",
        ),
        _t("管网改造", "温暖过冬", "智慧供热", "服务提质", "热源保障", "入户走访"),
        _t(
            "{place}今冬供热管网改造完成{n}公里",
            "确保群众温暖过冬 {place}供热服务再升级",
            "{thing}智能化改造惠及{n}户居民",
        ),
    ),
    Topic(
        "farming",
        _t("土默特左旗", "托克托县", "武川县", "和林格尔县"),
        _t("农牧局", "种植专业合作社", "农技推广中心"),
        _t("马铃薯种薯", "温室大棚", "饲草料", "奶牛养殖", "春耕物资", "高标准农田", "滴灌设备"),
        _t(
            "推广膜下滴灌技术",
            "建设高标准农田",
            "组织农技人员下乡指导",
            "储备化肥和种子",
            "发展订单农业",
            "培育新型农业经营主体",
        ),
        _t("合作社理事长", "种植大户", "农技站站长"),
        _t(
            "今年订单早早就签好了,种多少收多少,心里踏实",
            "用上滴灌以后,一亩地能省下三分之一的水",
            "棚里的西红柿再过半个月就能上市了",
        ),
        _t("田间地头,几台播种机来回穿梭,农户们忙着铺膜、下种", "大棚里温暖湿润,一排排秧苗长势喜人"),
        _t("科技助农", "春耕备耕", "订单种植", "增收致富", "良种繁育", "节水灌溉"),
        _t(
            "{place}{thing}产业带动农户增收",
            "春耕时节备耕忙 {place}农资供应充足",
            "{place}新建高标准农田{n}万亩",
        ),
    ),
    Topic(
        "schools",
        _t("赛罕区", "新城区", "如意开发区", "回民区"),
        _t("市教育局", "实验小学", "第二中学"),
        _t("课后服务", "学生食堂", "劳动教育课程", "校园足球", "近视防控", "家长学校", "图书角"),
        _t(
            "开设课后托管班",
            "新建校舍和运动场",
            "组织教师轮岗交流",
            "推出劳动实践课程",
            "开展近视筛查",
            "增加学位供给",
        ),
        _t("学生家长", "学校校长", "班主任"),
        _t(
            "孩子放学后在学校写完作业,我下班再去接,省心多了",
            "我们希望每个孩子都能找到自己喜欢的兴趣课",
            "劳动课上学会了做饭,回家也能给爸妈帮忙了",
        ),
        _t(
            "操场上,学生们分组进行足球训练,教练不时示范动作",
            "教室里,孩子们围坐在一起,认真听老师讲解",
        ),
        _t("课后服务", "双减落地", "校园安全", "师资建设", "劳动育人", "家校共育"),
        _t(
            "{place}课后服务覆盖全部中小学",
            "{place}今年新增学位{n}个",
            "{thing}走进校园 孩子们乐在其中",
        ),
    ),
    Topic(
        "transport",
        _t("海拉尔东路", "呼伦贝尔南路", "白塔机场", "火车东站"),
        _t("市公交集团", "交警支队", "市交通运输局"),
        _t("公交线路", "停车泊位", "地铁站点", "信号灯", "通勤车", "出租汽车", "慢行系统"),
        _t(
            "优化调整公交线路",
            "新增停车泊位",
            "延长末班车运营时间",
            "开通定制公交",
            "治理拥堵路段",
            "改造交通信号灯",
        ),
        _t("公交驾驶员", "上班族", "出租车司机"),
        _t(
            "以前换乘两次才能到单位,现在一趟车就到了",
            "早高峰的时候,我们提前半小时就发车了",
            "停车位多了,晚上回家再也不用绕着小区转圈",
        ),
        _t("早高峰时段,路口的交警正指挥车辆有序通行", "站台上,乘客们排队候车,新能源公交车缓缓进站"),
        _t("公交优先", "畅通工程", "停车治理", "绿色出行", "路网优化", "便民出行"),
        _t(
            "{place}周边新增公交线路{n}条",
            "缓解停车难 {place}新增泊位{n}个",
            "{thing}调整后市民出行更便捷",
        ),
    ),
    Topic(
        "health",
        _t("市第一医院", "社区卫生服务中心", "妇幼保健院", "蒙医中医医院"),
        _t("市卫生健康委员会", "医保局", "家庭医生团队"),
        _t("专家门诊", "家庭医生", "慢性病患者", "检查结果互认", "夜间门诊", "药品目录", "体检"),
        _t(
            "开设夜间门诊",
            "推行检查检验结果互认",
            "组建家庭医生团队",
            "为老年人免费体检",
            "扩大药品供应范围",
            "开展义诊活动",
        ),
        _t("患者", "主治医师", "社区医生"),
        _t(
            "下班以后也能看上病,不用再请假了",
            "家庭医生每个月都来量血压,有什么问题打个电话就行",
            "这次在家门口就看上了专家号,省去了来回奔波",
        ),
        _t("诊室外的候诊区里,患者们安静地等待叫号", "医生仔细询问病情,并叮嘱患者按时服药"),
        _t("健康服务", "医疗下沉", "便民就医", "慢病管理", "医保惠民", "急救网络"),
        _t(
            "{place}夜间门诊接诊患者{n}人次",
            "家庭医生签约服务覆盖{n}万人",
            "看病更方便 {place}推出便民就医新举措",
        ),
    ),
    Topic(
        "culture",
        _t("大召寺", "塞上老街", "青城公园", "敕勒川草原"),
        _t("市文化旅游广电局", "博物馆", "民族剧院"),
        _t("非遗展演", "游客", "文创产品", "马头琴", "民宿", "夜间消费", "研学活动"),
        _t(
            "举办非遗展演",
            "推出夜游线路",
            "组织文艺演出",
            "开发文创产品",
            "接待外地游客",
            "开展研学活动",
        ),
        _t("游客", "非遗传承人", "景区负责人"),
        _t(
            "带孩子来看看老手艺,感觉特别有意思",
            "这门手艺我学了三十多年,希望更多年轻人喜欢它",
            "晚上的老街灯火通明,比白天还热闹",
        ),
        _t(
            "舞台上,演员们身着民族服装,伴着马头琴声翩翩起舞",
            "老街两侧的店铺挂起红灯笼,游客们驻足拍照",
        ),
        _t("文旅融合", "非遗传承", "夜游经济", "文化惠民", "研学旅行", "演艺繁荣"),
        _t(
            "{place}春季文旅活动吸引游客{n}万人次",
            "非遗进景区 {place}人气旺",
            "{thing}火热 青城文旅迎来开门红",
        ),
    ),
    Topic(
        "jobs",
        _t("市人才市场", "职业技术学院", "创业孵化基地", "人力资源产业园"),
        _t("市人力资源和社会保障局", "就业服务中心", "工会"),
        _t("招聘岗位", "高校毕业生", "技能培训", "灵活就业", "创业贷款", "求职者", "用工企业"),
        _t(
            "举办专场招聘会",
            "开展职业技能培训",
            "发放创业担保贷款",
            "搭建线上求职平台",
            "落实稳岗返还政策",
            "帮扶就业困难人员",
        ),
        _t("求职者", "企业人事经理", "培训学员"),
        _t(
            "今天投了三份简历,有一家当场就约了面试",
            "我们今年要招一百多人,技术岗位最缺人",
            "学了三个月电工,现在已经找到了工作",
        ),
        _t(
            "招聘会现场人头攒动,求职者在展位前仔细询问岗位要求",
            "培训教室里,学员们跟着老师一步步练习操作",
        ),
        _t("稳岗扩岗", "技能提升", "创业带动", "精准帮扶", "校企合作", "就业服务"),
        _t(
            "{place}春季招聘会提供岗位{n}个",
            "技能培训助{n}人实现就业",
            "{thing}精准对接 就业服务暖人心",
        ),
    ),
    Topic(
        "ecology",
        _t("小黑河", "哈素海", "大青山", "黄河湿地"),
        _t("市生态环境局", "林草局", "水务局"),
        _t("候鸟", "湿地", "空气质量", "植树造林", "河道", "垃圾分类", "水土流失"),
        _t(
            "开展春季植树",
            "清理河道垃圾",
            "监测空气质量",
            "修复退化湿地",
            "治理水土流失",
            "推进垃圾分类",
        ),
        _t("护林员", "观鸟爱好者", "环保志愿者"),
        _t(
            "这几年来的鸟越来越多,有些以前从没见过",
            "每天巡山十几公里,看着树一年年长高,心里高兴",
            "大家把垃圾分好类,小区干净了不少",
        ),
        _t(
            "湖面上,成群的候鸟时而低飞觅食,时而振翅高飞",
            "山坡上,志愿者们挥锹培土,一棵棵树苗排列整齐",
        ),
        _t("生态修复", "增绿添彩", "治污攻坚", "河湖长制", "候鸟家园", "绿色低碳"),
        _t("{place}迎来今春首批候鸟", "{place}今年计划植树{n}万株", "{thing}持续改善 生态底色更亮"),
    ),
    Topic(
        "law",
        _t("市中级人民法院", "赛罕区人民法院", "市检察院", "司法局"),
        _t("法院", "公证处", "法律援助中心"),
        _t("劳动争议", "调解员", "法律援助", "电信诈骗", "当事人", "普法宣传", "执行案款"),
        _t(
            "开通法律援助热线",
            "调解劳动争议",
            "开展反诈宣传",
            "发放执行案款",
            "设立巡回法庭",
            "为企业提供法律体检",
        ),
        _t("法官", "当事人", "调解员"),
        _t(
            "没想到这么快就拿到了欠薪,真是帮了大忙",
            "很多纠纷在诉前就能化解,双方都省时省力",
            "接到陌生电话要多个心眼,千万别轻易转账",
        ),
        _t(
            "调解室里,调解员耐心倾听双方诉求,逐条释法说理",
            "宣传台前,工作人员向过往群众讲解常见诈骗手法",
        ),
        _t("诉源治理", "反诈宣传", "司法为民", "法律服务", "执行攻坚", "普法进社区"),
        _t("{place}今年调解纠纷{n}件", "法律援助热线接听咨询{n}次", "{thing}进社区 群众学法用法"),
    ),
    Topic(
        "community",
        _t("兴园社区", "光明路街道", "锡林南路街道", "通道街"),
        _t("社区居委会", "街道办事处", "志愿服务队"),
        _t("老年食堂", "网格员", "志愿者", "独居老人", "便民服务站", "议事会", "楼道"),
        _t(
            "开办老年食堂",
            "上门看望独居老人",
            "组织志愿服务",
            "召开居民议事会",
            "改造便民服务站",
            "清理楼道杂物",
        ),
        _t("社区书记", "退休职工", "网格员"),
        _t(
            "一份套餐十几块钱,荤素搭配,比自己做饭还划算",
            "楼里谁家有困难,我们网格员心里都有本账",
            "有事大家一起商量着办,邻里关系越来越好",
        ),
        _t("中午时分,食堂里坐满了前来就餐的老人", "活动室里,志愿者正在给老人们理发、量血压"),
        _t("为老服务", "邻里守望", "网格治理", "志愿同行", "共建共享", "幸福家园"),
        _t(
            "{place}老年食堂开业 {n}位老人吃上热乎饭",
            "网格员走访{n}户 为民解难题",
            "{thing}暖民心 {place}打造幸福家园",
        ),
    ),
    Topic(
        "industry",
        _t("金山高新区", "沙尔沁工业区", "鸿盛工业园", "和林格尔新区"),
        _t("市工业和信息化局", "新能源装备企业", "数据中心"),
        _t("生产线", "光伏组件", "风电装备", "订单", "算力", "产业链", "技术改造"),
        _t(
            "建成智能化生产线",
            "扩大光伏组件产能",
            "推进技术改造",
            "引进配套企业",
            "签订出口订单",
            "建设算力中心",
        ),
        _t("企业负责人", "车间主任", "技术工人"),
        _t(
            "订单已经排到了下半年,生产线一刻也不停",
            "新设备上线以后,效率提高了三成",
            "我们的产品现在已经卖到了国外",
        ),
        _t(
            "车间里,机械臂有条不紊地抓取、焊接,一块块组件下线",
            "厂区内,运输车辆来回穿梭,工人们忙着装车发货",
        ),
        _t("链式发展", "技改升级", "绿色制造", "项目攻坚", "数字赋能", "招商引资"),
        _t(
            "{place}新能源装备产值突破{n}亿元",
            "{thing}项目投产 {place}再添新动能",
            "{n}家企业完成技术改造",
        ),
    ),
    Topic(
        "commerce",
        _t("维多利商厦", "大召夜市", "万达广场", "中山路步行街"),
        _t("市商务局", "商户联合会", "市场监督管理局"),
        _t("消费券", "夜市摊位", "销售额", "商户", "老字号", "年货", "外卖骑手"),
        _t(
            "发放消费券",
            "举办购物节",
            "延长营业时间",
            "引进品牌首店",
            "开展食品安全检查",
            "扶持老字号发展",
        ),
        _t("商户", "顾客", "店长"),
        _t(
            "用了消费券,一件外套便宜了一百多块",
            "晚上生意最好,一晚上能卖出去两百多碗烧麦",
            "店里的老味道传了三代人,回头客特别多",
        ),
        _t("夜市里人声鼎沸,烤肉的香味飘出老远", "商场中庭,促销活动吸引了不少市民驻足"),
        _t("促进消费", "夜间经济", "品牌引领", "放心消费", "商圈提升", "老字号焕新"),
        _t(
            "{place}假期销售额同比增长{n}%",
            "消费券撬动消费{n}万元",
            "{thing}红火 {place}消费市场活力足",
        ),
    ),
)

TIMES = _t("今年", "近日", "日前", "去年以来", "春节前后", "入春以来", "这几天", "一季度")
ADVERBS = _t("同时", "此外", "与此同时", "下一步", "目前", "据了解")
UNITS = _t("个", "家", "处", "项", "户", "名", "公里", "万元", "人次")

KICKERS = _t(
    "“走基层 看变化”系列报道",
    "“青城新答卷”系列报道",
    "开局之年·项目建设一线行",
    "民生实事进行时",
    "新春走基层",
    "聚焦一线",
    "“在一线”专栏",
    "奋进新征程·基层故事",
    "“创城”中的那些凡人小事",
    "关注春耕",
    "美丽乡村巡礼",
)


def _n(rng: random.Random) -> str:
    return str(rng.choice((rng.randint(2, 99), rng.randint(100, 999), rng.randint(1000, 9999))))


def _fill(rng: random.Random, topic: Topic, place: str, body: str) -> dict[str, str]:
    return {
        "place": place,
        "body": body,
        "thing": rng.choice(topic.things),
        "thing2": rng.choice(topic.things),
        "deed": rng.choice(topic.deeds),
        "deed2": rng.choice(topic.deeds),
        "role": rng.choice(topic.roles),
        "quote": rng.choice(topic.quotes),
        "scene": rng.choice(topic.scenes),
        "time": rng.choice(TIMES),
        "adv": rng.choice(ADVERBS),
        "n": _n(rng),
        "m": _n(rng),
        "pct": f"{rng.randint(2, 60)}.{rng.randint(1, 9)}",
        "unit": rng.choice(UNITS),
        "name": person(rng),
    }


SENTENCES = _t(
    "{time},{place}{body}{deed},{deed2}。",
    "截至目前,{place}已{deed},涉及{thing}{n}{unit}。",
    "“{quote}。”{place}的{role}{name}说。",
    "据{body}介绍,今年{place}将继续{deed},力争{thing}同比增长{pct}%。",
    "{scene}。",
    "记者在{place}看到,{scene}。",
    "{adv},{body}还将{deed},让{thing}惠及更多群众。",
    "围绕{thing},{body}{deed},累计投入资金{m}万元。",
    "{thing}和{thing2}是群众关心的事,{body}把{deed}列为今年的重点工作。",
    "{role}{name}告诉记者,{thing}的变化大家都看在眼里。",
    "从{deed}到{deed2},{place}的{thing}一年一个样。",
    "{time},{place}共{deed}{n}次,{thing}覆盖率达到{pct}%。",
)


@dataclass
class StoryText:
    """What a story says, before any layout: its title, sections and paragraphs."""

    topic: Topic
    title: str
    sections: list[tuple[str | None, list[str]]]  # (heading, paragraphs)

    @property
    def paragraphs(self) -> list[str]:
        return [p for _, ps in self.sections for p in ps]


def paragraph(
    rng: random.Random, topic: Topic, place: str, body: str, named: list[str] | None = None
) -> str:
    """A paragraph of two to five sentences; the people it names go into ``named``."""
    out = ""
    for _ in range(rng.randint(2, 5)):
        template = rng.choice(SENTENCES)
        fill = _fill(rng, topic, place, body)
        if named is not None and "{name}" in template:
            named.append(fill["name"])
        out += template.format(**fill)
    return out


def heading(rng: random.Random, topic: Topic, used: set[str]) -> str:
    for _ in range(20):
        a, b = rng.sample(topic.heads, 2)
        h = f"{a} {b}"
        if h not in used and a not in " ".join(used):
            used.add(h)
            return h
    h = f"{rng.choice(topic.heads)} {person(rng, 2)}{rng.choice('新路行')}"
    used.add(h)
    return h


def story(rng: random.Random, topic: Topic, sections: int, paras: tuple[int, int]) -> StoryText:
    place, body = rng.choice(topic.places), rng.choice(topic.bodies)
    thing = rng.choice(topic.things)
    if rng.random() < 0.2:
        # Titles quote a catchword as often as column labels do (社区里的“幸福食堂”).
        thing = f"“{thing}”"
    title = rng.choice(topic.titles).format(place=place, thing=thing, n=_n(rng))
    used: set[str] = set()
    secs: list[tuple[str | None, list[str]]] = []
    named: list[str] = []
    for k in range(sections):
        head = heading(rng, topic, used) if k > 0 or (sections > 1 and rng.random() < 0.2) else None
        secs.append(
            (head, [paragraph(rng, topic, place, body, named) for _ in range(rng.randint(*paras))])
        )
    if named and rng.random() < 0.2:
        # A story often closes on a short quote from someone it named before: few of the
        # story's words, but its own (FORMAT 19, the opposite mistake).
        secs[-1][1].append(f"“{rng.choice(topic.quotes)}。”{rng.choice(named)}说。")
    return StoryText(topic, title, secs)


def caption(rng: random.Random, topic: Topic) -> str:
    short = rng.choice(topic.things) + rng.choice(("一角", "现场", "新貌", "", "掠影"))
    return rng.choice((short, f"{rng.choice(topic.roles)}在{rng.choice(topic.places)}", short))
